import { bls12_381 } from "@noble/curves/bls12-381.js"
import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { addressToBytes, addressToString, newBlsAddress, parseAddress } from "../../../src/impl/address/address.js"
import { cidOfCbor, encodeCbor } from "../../../src/impl/encoding/cbor.js"
import { fromHex, toHex } from "../../../src/impl/encoding/hex.js"
import {
  BLS_DST, blsPrivateKeyFromSeed, blsPublicKey, blsSign, blsVerify, blsVerifyDetailed
} from "../../../src/impl/crypto/bls.js"
import { encodeBigInt } from "../../../src/impl/token/amount.js"

const hex = (s: string) => Result.getOrThrow(fromHex(s))
const b64 = (s: string) => new Uint8Array(Buffer.from(s, "base64"))
const tagOf = <A, E extends { _tag: string }>(r: Result.Result<A, E>): string => {
  if (Result.isSuccess(r)) throw new Error("expected a failure")
  return r.failure._tag
}
const ZONDAX = "Zondax/filecoin-signing-tools (commit 2b0f25f)"

/** Unsigned chain Message tuple (filecoin-project/lotus chain/types/message.go @ v1.36.2) as the Zondax generator builds it (signer/examples/generate.rs). */
const zondaxMessage = (from: string, gasFeeCap: bigint, gasPremium: bigint, gasLimit: bigint) =>
  encodeCbor([
    0n, addressToBytes(Result.getOrThrow(parseAddress("t17uoq6tp427uzv7fztkbsnn64iwotfrristwpryy"))),
    addressToBytes(Result.getOrThrow(parseAddress(from))), 1n, encodeBigInt(100000n), gasLimit,
    encodeBigInt(gasFeeCap), encodeBigInt(gasPremium), 0n, new Uint8Array(0)
  ])

describe(`known answers — ${ZONDAX} examples/generated_test_cases.json (sk, pk, sig over the message CID)`, () => {
  it.each([
    ["b4ea56e087224dc002d22f31b5ca15ad7352a46d19516e7daa94e43d48f84564", "89002c3e1fef0c3cc7af874a841b358f84b129c36d0eea2266140dab7992c0e62bb889cd68f855fa30633047b4213869", "b2859f9e02812a3a4355eadaa732e35dac7a3c88c06ffa61608dbe3e5c5db13cdab774a3851c2947d4da505629758df70c91a71c88c0fdfe53a006ce24ddf02ababb66018b30262da4f8ca481324575faa691c386036c9866f64e8ce8929063c", "t3reacypq754gdzr5pq5fiigzvr6clckodnuhouitgcqg2w6msydtcxoejzvupqvp2gbrtar5uee4gsluidafq"],
    ["bc8db43a2f2d384f425d5b725956e579501773342be2c9e44f4472df3bf64e36", "a1b2d69a500e86058aff16a73f6a0df354598368b105cbba29f5a9b9c25ac8af04afaa0f81634004415c8077d0255a68", "83b8bcdc16c98f6a81dacc460d26f0b8e47af16d83ded16a0db409a0024b133782d9bd0e4ded94a0a10e6c02d47f717a176d3c00419c5e9b25d2088f575ce392d6631d8fcfa55b886f2fedc2512f267b277b5551caace976677e7f921a9cdc0e", "t3ugznngsqb2dalcx7c2tt62qn6nkfta3iwec4xorj6wu3tqs2zcxqjl5kb6awgqaeifoia56qevngqcz7l3eq"],
    ["9c26a653e3f6feed763fee9e163a4863252fd3ca38bfeeaa83dab2799b5cf10c", "af2f1d46d7f618997f43fbc3b7e4d4fb6ca8bc290e161e1f8643f0d894509814da5a5ff8729fc8935086a334469a3702", "8fb31ca2f2c5fa211f1be32709bd269bb96500789ee71283c7d63d933a139c678414f546ba096a44183580ecfa2f326e19cd1f7613e06539208359f0ae22b51a94b766b8531ecff071e152d9bde3f3d4bd679e89224102c667f0193b9259e726", "t3v4xr2rwx6ymjs72d7pb3pzgu7nwkrpbjbylb4h4gipynrfcqtaknuws77bzj7setkcdkgncgti3qfa4n7seq"]
  ])("sk %s…", (sk, pk, sig, from) => {
    const priv = hex(sk)
    expect(toHex(blsPublicKey(priv))).toBe(pk) // sk is read little-endian
    expect(addressToString(Result.getOrThrow(newBlsAddress(hex(pk))), "t")).toBe(from)
    const signed = cidOfCbor(zondaxMessage(from, 1n, 1n, 25000n)).bytes
    expect(toHex(blsSign(priv, signed))).toBe(sig) // BLS signing is deterministic
    expect(blsVerify(hex(sig), signed, hex(pk))).toBe(true)
  })

  it("the keys are little-endian: read big-endian they are not even scalars below r (0x73ed…)", () => {
    // b4ea…4564 read big-endian starts with 0xb4 > 0x73, the top byte of the group order r
    const le = hex("b4ea56e087224dc002d22f31b5ca15ad7352a46d19516e7daa94e43d48f84564")
    expect(() => blsPublicKey(Uint8Array.from(le).reverse())).toThrow(RangeError)
  })
})

describe(`known answers — ${ZONDAX} test_vectors/bls_wallet.json, bls_signature.json, wallet.json`, () => {
  it("bls_wallet: private key (base64, little-endian) → public key", () => {
    expect(toHex(blsPublicKey(b64("0x7Y0GGX92MeWBF9mcWuR5EYPxe2dy60r8XIQOD31BI=")))).toBe(
      "ade28c91045e89a0dcdb49d5ed0d62a4f02d78a96dbd406a4f9d37a1cd2fb5c29058def79b01b4d1556ade74ffc07904"
    )
  })

  it("bls_signature: sig over the CID of the given message CBOR, by the bls_wallet key", () => {
    const cbor = hex(
      "8a005501fd1d0f4dfcd7e99afcb99a8326b7dc459d32c628583103ade28c91045e89a0dcdb49d5ed0d62a4f02d78a96dbd406a4f9d37a1cd2fb5c29058def79b01b4d1556ade74ffc079040144000186a01961a8430009c4430009c40040"
    )
    const sig = hex(
      "a3e507f89527472ad67ddd9bf555e8e745c284944cd855e2ed4b68660a325baacd4dfd93972af2c7e2d39ddc8a5ac37e0660ddc641cb7942ef5a31f3e62e83e006341f6a4b4f9c4cdddb0ba43031b4e9dc96d2b936b9050dccca9e95b8576653"
    )
    const pk = hex("ade28c91045e89a0dcdb49d5ed0d62a4f02d78a96dbd406a4f9d37a1cd2fb5c29058def79b01b4d1556ade74ffc07904")
    expect(blsVerify(sig, cidOfCbor(cbor).bytes, pk)).toBe(true)
    expect(toHex(blsSign(b64("0x7Y0GGX92MeWBF9mcWuR5EYPxe2dy60r8XIQOD31BI="), cidOfCbor(cbor).bytes))).toBe(toHex(sig))
    // our own encoding of that message gives the same bytes
    const from = addressToString(Result.getOrThrow(newBlsAddress(pk)), "t")
    expect(toHex(zondaxMessage(from, 2500n, 2500n, 25000n))).toBe(toHex(cbor))
  })

  it("wallet.json: bls_private_key → bls_address", () => {
    const pk = blsPublicKey(b64("P2pSgkvsZSgi0LOczuHmSXT1+l/hvSs3fVBb4y8OgVo="))
    expect(addressToString(Result.getOrThrow(newBlsAddress(pk)), "t")).toBe(
      "t3uxb75vcy3ilwbsaavao52v7gfnfh6aics4a7nj26dwpcmj4mxxgnzholkupuplafdrbd55frpoolfnm7wlda"
    )
  })
})

describe("domain separation tag", () => {
  const sk = blsPrivateKeyFromSeed(new Uint8Array(48).fill(7))
  const pk = blsPublicKey(sk)
  const msg = new TextEncoder().encode("filflow")
  const long = bls12_381.longSignatures
  const nobleKey = Uint8Array.from(sk).reverse()

  it("is the Filecoin one", () => {
    expect(BLS_DST).toBe("BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_")
  })

  it.each([
    "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_", // proof-of-possession scheme
    "BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_", // the G1 tag
    "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_AUG_"
  ])("a signature made with DST %s does not verify", (dst) => {
    const foreign = long.Signature.toBytes(long.sign(long.hash(msg, dst), nobleKey))
    expect(tagOf(blsVerifyDetailed(foreign, msg, pk))).toBe("SignatureMismatch")
    // and ours does not verify under that DST
    expect(long.verify(blsSign(sk, msg), long.hash(msg, dst), pk)).toBe(false)
  })

  it("ours verifies with an independent call using the NUL DST", () => {
    expect(long.verify(blsSign(sk, msg), long.hash(msg, "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_"), pk)).toBe(true)
  })
})

describe("verification failures", () => {
  const sk = blsPrivateKeyFromSeed(new Uint8Array(48).fill(1))
  const pk = blsPublicKey(sk)
  const msg = Uint8Array.of(1, 2, 3)
  const sig = blsSign(sk, msg)

  it("wrong message or key → SignatureMismatch", () => {
    expect(tagOf(blsVerifyDetailed(sig, Uint8Array.of(1, 2), pk))).toBe("SignatureMismatch")
    expect(tagOf(blsVerifyDetailed(sig, msg, blsPublicKey(blsPrivateKeyFromSeed(new Uint8Array(48)))))).toBe(
      "SignatureMismatch"
    )
  })

  it.each([0, 48, 95, 97])("%i-byte signature → InvalidSignatureLength", (n) => {
    expect(tagOf(blsVerifyDetailed(new Uint8Array(n), msg, pk))).toBe("InvalidSignatureLength")
    expect(blsVerify(new Uint8Array(n), msg, pk)).toBe(false)
  })

  it("bytes that are not a G2 point → MalformedSignature", () => {
    expect(tagOf(blsVerifyDetailed(new Uint8Array(96), msg, pk))).toBe("MalformedSignature")
    // A signature with byte 40 of its x coordinate changed: whether or not the new x lies on the
    // curve, the point is not in the order-r subgroup G2: its index in E'(Fp2), the G2 cofactor h
    // (RFC 9380 §8.8.2), is about 2^507, so a changed coordinate lands in G2 with probability about
    // 2^-507.  The key and message are fixed, so these bytes are fixed too.
    const flipped = Uint8Array.from(sig)
    flipped[40] = flipped[40]! ^ 0xff
    expect(tagOf(blsVerifyDetailed(flipped, msg, pk))).toBe("MalformedSignature")
  })

  it("public key: wrong length, not a point, or infinity → MalformedSignature", () => {
    expect(tagOf(blsVerifyDetailed(sig, msg, pk.subarray(0, 47)))).toBe("MalformedSignature")
    expect(tagOf(blsVerifyDetailed(sig, msg, new Uint8Array(48)))).toBe("MalformedSignature")
    // 0xc0 ‖ 0…: the compressed point at infinity (ref-fvm's BLS "zero address" payload)
    expect(tagOf(blsVerifyDetailed(sig, msg, hex("c0" + "00".repeat(47))))).toBe("MalformedSignature")
  })

  it("private keys must be 32 bytes in [1, r − 1]", () => {
    expect(() => blsPublicKey(new Uint8Array(32))).toThrow(RangeError)
    expect(() => blsSign(new Uint8Array(31).fill(1), msg)).toThrow(RangeError)
    expect(() => blsPublicKey(new Uint8Array(32).fill(0xff))).toThrow(RangeError) // ≥ r
    expect(() => blsPrivateKeyFromSeed(new Uint8Array(32))).toThrow(RangeError)
  })
})

describe("round trip", () => {
  test.prop([fc.uint8Array({ minLength: 48, maxLength: 48 }), fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.nat()], { seed: 7401, numRuns: 5 })(
    "sign → verify; the message with one bit flipped fails, and so does the message with a byte appended",
    (seed, msg, bitIndex) => {
      const sk = blsPrivateKeyFromSeed(seed)
      const pk = blsPublicKey(sk)
      const sig = blsSign(sk, msg)
      expect(sig.length).toBe(96)
      expect(blsVerify(sig, msg, pk)).toBe(true)
      const bit = bitIndex % (msg.length * 8)
      const flipped = Uint8Array.from(msg)
      flipped[bit >> 3] = flipped[bit >> 3]! ^ (1 << (bit & 7))
      expect(blsVerify(sig, flipped, pk)).toBe(false)
      expect(blsVerify(sig, Uint8Array.from([...msg, 0]), pk)).toBe(false)
    }
  )

  it("the empty message signs and verifies", () => {
    const sk = blsPrivateKeyFromSeed(new Uint8Array(48).fill(3))
    const sig = blsSign(sk, new Uint8Array())
    expect(blsVerify(sig, new Uint8Array(), blsPublicKey(sk))).toBe(true)
    expect(blsVerify(sig, Uint8Array.of(0), blsPublicKey(sk))).toBe(false)
  })
})
