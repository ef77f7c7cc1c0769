# The filflow N-API addon: the node hash, subtree roots, Fr32 subtree roots, Poseidon and SDR labels (see README.md).
# Built by scripts/build-native.cjs (`node-gyp rebuild` here); output build/Release/filflow_native.node.
{
  "variables": {
    "filflow_cflags": ["-O3", "-fvisibility=hidden", "-Wall", "-Wextra", "-Wno-unused-parameter"],
  },
  "targets": [
    {
      "target_name": "filflow_native",
      "sources": [
        "addon.cc",
        "async.cc",
        "file.cc",
        "fr32.cc",
        "held.cc",
        "labels.cc",
        "parents.cc",
        "poseidon.cc",
        "sdr.cc",
        "sha256_dispatch.cc",
        "sha256_openssl.cc",
        "sha256_portable.cc",
        "tree.cc",
      ],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NODE_ADDON_API_DISABLE_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      # node's common.gypi adds -fno-exceptions and -std=gnu++17; tree.cc catches std::system_error
      # from std::thread, so exceptions stay on (the N-API wrapper itself does not throw).
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti"],
      "cflags_cc": ["-std=c++17", "-fexceptions", "<@(filflow_cflags)"],
      "cflags": ["<@(filflow_cflags)"],
      "ldflags": ["-pthread"],
      "libraries": ["-ldl"],
      "conditions": [
        ["target_arch=='x64' or target_arch=='ia32'", {
          "dependencies": ["filflow_shani"],
          "defines": ["FILFLOW_HAVE_SHANI"],
        }],
      ],
    },
    {
      # The SHA-NI translation unit alone gets -msha -msse4.1; its code runs only after
      # __builtin_cpu_supports("sha") (sha256_dispatch.cc), so the addon loads on any x86-64.
      "target_name": "filflow_shani",
      "type": "static_library",
      "sources": ["sha256_shani.cc"],
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti"],
      "cflags_cc": ["-std=c++17", "-msha", "-msse4.1", "-fPIC", "<@(filflow_cflags)"],
      "cflags": ["-fPIC", "<@(filflow_cflags)"],
    },
  ],
}
