#!/usr/bin/env node
/**
 * Builds the native N-API binding (`src/proofs/native`, `node-gyp rebuild`) from the package's
 * `install` script, so `npm install` and `npm ci` build it.
 *
 * Never fails the install: without a compiler, Python or Node's headers the build fails, the
 * full log goes to `src/proofs/native/build/build-native.log`, and ONE line says that the pure
 * TypeScript path will be used (DESIGN.md "Proofs"). `FILFLOW_NO_NATIVE=1` skips the build.
 *
 * node-gyp: the pinned devDependency, else the one npm ships (`npm_config_node_gyp`). Headers:
 * `--nodedir` from npm's config when set, else the headers installed beside the node binary
 * (`<prefix>/include/node`), so nothing is downloaded.
 */
"use strict"
const { spawnSync } = require("node:child_process")
const fs = require("node:fs")
const path = require("node:path")

const root = path.resolve(__dirname, "..")
const dir = path.join(root, "src", "proofs", "native")
const logFile = path.join(dir, "build", "build-native.log")
const rel = (p) => path.relative(root, p)
const FALLBACK = "the pure TypeScript path will be used"

const say = (line) => console.log(`filflow: ${line}`)

const noNative = process.env.FILFLOW_NO_NATIVE
if (noNative !== undefined && noNative !== "" && noNative !== "0") {
  say(`FILFLOW_NO_NATIVE=${noNative}: native binding not built; ${FALLBACK}.`)
  process.exit(0)
}

const nodeGyp = (() => {
  try {
    return require.resolve("node-gyp/bin/node-gyp.js", { paths: [root] })
  } catch {
    const bundled = process.env.npm_config_node_gyp
    return bundled && fs.existsSync(bundled) ? bundled : undefined
  }
})()
if (nodeGyp === undefined) {
  say(`native binding not built (node-gyp not found); ${FALLBACK}.`)
  process.exit(0)
}

const args = [nodeGyp, "rebuild", "--jobs=max"]
if (!process.env.npm_config_nodedir) {
  const prefix = path.resolve(path.dirname(process.execPath), "..")
  if (fs.existsSync(path.join(prefix, "include", "node", "node_api.h"))) args.push(`--nodedir=${prefix}`)
}

const started = Date.now()
const run = spawnSync(process.execPath, args, { cwd: dir, encoding: "utf8", timeout: 10 * 60 * 1000, maxBuffer: 64 << 20 })
const log = [`$ ${process.execPath} ${args.join(" ")}`, run.stdout ?? "", run.stderr ?? "", run.error ? String(run.error) : ""].join("\n")
fs.mkdirSync(path.dirname(logFile), { recursive: true })
fs.writeFileSync(logFile, log)

const addon = path.join(dir, "build", "Release", "filflow_native.node")
if (run.status === 0 && fs.existsSync(addon)) {
  say(`native binding built in ${((Date.now() - started) / 1000).toFixed(1)} s (${rel(addon)}).`)
} else {
  // the first compiler/make/gyp error line, as the short reason
  const first = log.split("\n").find((l) => /\berror\b|not found|No such file/i.test(l) && !l.startsWith("$ "))
  const why = run.error ? run.error.message : (first ?? `node-gyp exited with ${run.status}`).trim().slice(0, 160)
  say(`native binding not built (${why}; log: ${rel(logFile)}); ${FALLBACK}.`)
}
