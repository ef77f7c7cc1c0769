import { secp256k1 } from "@noble/curves/secp256k1.js"
import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  addressToBytes, addressToString, idAddress, newBlsAddress, newSecp256k1Address, parseAddress
} from "../../../src/impl/address/address.js"
import { cidOfCbor, encodeCbor } from "../../../src/impl/encoding/cbor.js"
import { fromHex, toHex } from "../../../src/impl/encoding/hex.js"
import { secpPublicKey, secpRecover, secpSign, secpVerify, secpVerifyDetailed } from "../../../src/impl/crypto/secp256k1.js"
import { encodeBigInt } from "../../../src/impl/token/amount.js"

const hex = (s: string) => Result.getOrThrow(fromHex(s))
const b64 = (s: string) => new Uint8Array(Buffer.from(s, "base64"))
const f1 = (priv: Uint8Array) => Result.getOrThrow(newSecp256k1Address(secpPublicKey(priv)))
const tagOf = <A, E extends { _tag: string }>(r: Result.Result<A, E>): string => {
  if (Result.isSuccess(r)) throw new Error("expected a failure")
  return r.failure._tag
}
const ZONDAX = "Zondax/filecoin-signing-tools (commit 2b0f25f)"
/** s ≤ n/2 for the s of an `r ‖ s ‖ v` signature, n the order of secp256k1 (SEC 2 §2.4.1). */
const isLowS = (sig: Uint8Array): boolean => {
  let s = 0n
  for (const b of sig.subarray(32, 64)) s = (s << 8n) | BigInt(b)
  return s <= secp256k1.Point.Fn.ORDER / 2n
}

describe(`known answers — ${ZONDAX} test_vectors/utils.json`, () => {
  it("public_from_private: private key → uncompressed public key", () => {
    const priv = hex("6f48d2978a1cd05bf0110702fd8c2f1e73978dfda66048dad7c6a76e3bb5ab2e")
    expect(toHex(secpPublicKey(priv))).toBe(
      "043ba3c9c97454d6d5caaf3fa129228ca7b9aeb0b82de0c3a883fb2a96ea7d27b51a1e84dab69b756f69974ae55d7e20739b186e815143a22dd345720b108fcbe5"
    )
  })

  it("signature_test: signing a message = signing the bytes of its CID (blake2b-256 then ECDSA)", () => {
    const priv = hex("b6e3f4e621e89656ed1f3a34023e8204a9f3416fdf6f4ba57f9a4c8971a91341")
    const message = hex("884300e9075501f7c7cd6e87ca5cc5782b259c389f46f52617569c00420001404200010040")
    const expected =
      "8808dead9bd0d6953e7519f8a7ffd07eac98313f645c792664146b7727e33d782b6a3c803949c5520cb73869a003e59f173f0f9326fd2d8825e1a1d9df59afb201"
    const cidBytes = cidOfCbor(message).bytes
    expect(toHex(secpSign(priv, cidBytes))).toBe(expected)
    expect(secpVerify(hex(expected), cidBytes, f1(priv))).toBe(true)
    // the same signature does not verify over the raw message bytes
    expect(secpVerify(hex(expected), message, f1(priv))).toBe(false)
  })
})

describe(`known answer — ${ZONDAX} test_vectors/signed_message.json and wallet.json`, () => {
  // private key (base64) and its address f1d2xrzcslx7xlbbylc5c3d5lvandqw4iwl6epxba: wallet.json "private_key"
  // and childs[3] (m/44'/461'/0/0/0); the signed message: signed_message.json.
  const priv = b64("8VcW07ADswS4BV2cxi5rnIadVsyTDDhY1NfDH19T8Uo=")

  it("the key's address", () => {
    expect(addressToString(f1(priv))).toBe("f1d2xrzcslx7xlbbylc5c3d5lvandqw4iwl6epxba")
  })

  it("signs the unsigned Message's CID exactly as published", () => {
    const to = Result.getOrThrow(parseAddress("t17uoq6tp427uzv7fztkbsnn64iwotfrristwpryy"))
    const from = Result.getOrThrow(parseAddress("t1d2xrzcslx7xlbbylc5c3d5lvandqw4iwl6epxba"))
    // Message tuple (filecoin-project/lotus chain/types/message.go @ v1.36.2): [Version, To, From, Nonce,
    // Value, GasLimit, GasFeeCap, GasPremium, Method, Params]
    const message = encodeCbor([
      0n, addressToBytes(to), addressToBytes(from), 1n, encodeBigInt(100000n), 25000n, encodeBigInt(1n),
      encodeBigInt(1n), 0n, new Uint8Array(0)
    ])
    const expected = b64("nFuTI7MxEXqTQ0QmmQTmqbUsNZfHFXlNjz+susVDkAk1SrRCdJKxlVZZrM4vUtVBSYgtMIeigNfpqdKGIFhoWQA=")
    const cidBytes = cidOfCbor(message).bytes
    expect(toHex(secpSign(priv, cidBytes))).toBe(toHex(expected))
    expect(secpVerify(expected, cidBytes, from)).toBe(true)
  })
})

describe("verification failures", () => {
  const priv = hex("b6e3f4e621e89656ed1f3a34023e8204a9f3416fdf6f4ba57f9a4c8971a91341")
  const other = hex("6f48d2978a1cd05bf0110702fd8c2f1e73978dfda66048dad7c6a76e3bb5ab2e")
  const msg = new TextEncoder().encode("filflow")
  const sig = secpSign(priv, msg)

  it("wrong signer → SignatureMismatch", () => {
    expect(tagOf(secpVerifyDetailed(sig, msg, f1(other)))).toBe("SignatureMismatch")
  })

  it("other message → SignatureMismatch", () => {
    expect(tagOf(secpVerifyDetailed(sig, new TextEncoder().encode("filflow!"), f1(priv)))).toBe("SignatureMismatch")
  })

  it("non-f1 signer → SignatureAddressMismatch", () => {
    expect(tagOf(secpVerifyDetailed(sig, msg, idAddress(100n)))).toBe("SignatureAddressMismatch")
    expect(tagOf(secpVerifyDetailed(sig, msg, Result.getOrThrow(newBlsAddress(new Uint8Array(48)))))).toBe(
      "SignatureAddressMismatch"
    )
  })

  it.each([0, 64, 66, 96])("%i-byte signature → InvalidSignatureLength, and secpVerify is false", (n) => {
    const bad = new Uint8Array(n)
    bad.set(sig.subarray(0, Math.min(n, 65)))
    const r = secpVerifyDetailed(bad, msg, f1(priv))
    expect(tagOf(r)).toBe("InvalidSignatureLength")
    expect(Result.isFailure(r) && r.failure._tag === "InvalidSignatureLength" && r.failure.actual).toBe(n)
    expect(secpVerify(bad, msg, f1(priv))).toBe(false)
  })

  it("recovery id 4 → MalformedSignature; r = 0 → MalformedSignature", () => {
    const v4 = Uint8Array.from(sig)
    v4[64] = 4
    expect(tagOf(secpVerifyDetailed(v4, msg, f1(priv)))).toBe("MalformedSignature")
    const r0 = Uint8Array.from(sig)
    r0.fill(0, 0, 32)
    expect(tagOf(secpRecover(r0, msg))).toBe("MalformedSignature")
  })

  // The other recovery id names the other point with x = r (−R, the other parity of y), which is
  // always on the curve, so recovery succeeds and yields another key: a mismatch, never malformed.
  it("flipped recovery id recovers another key → SignatureMismatch", () => {
    const flipped = Uint8Array.from(sig)
    flipped[64] = sig[64]! ^ 1
    expect(toHex(Result.getOrThrow(secpRecover(flipped, msg)))).not.toBe(toHex(secpPublicKey(priv)))
    expect(tagOf(secpVerifyDetailed(flipped, msg, f1(priv)))).toBe("SignatureMismatch")
  })

  it("high-S form (s' = n − s, v' = v ⊕ 1) is accepted, as Lotus and ref-fvm accept it", () => {
    const n = secp256k1.Point.Fn.ORDER
    let s = 0n
    for (const b of sig.subarray(32, 64)) s = (s << 8n) | BigInt(b)
    const highS = (n - s).toString(16).padStart(64, "0")
    const high = hex(toHex(sig.subarray(0, 32)) + highS + (sig[64]! ^ 1).toString(16).padStart(2, "0"))
    expect(secpVerify(high, msg, f1(priv))).toBe(true)
  })
})

describe("signing", () => {
  it("is deterministic, low-S, r ‖ s ‖ v with v ∈ {0, 1}", () => {
    const priv = hex("b6e3f4e621e89656ed1f3a34023e8204a9f3416fdf6f4ba57f9a4c8971a91341")
    const msg = Uint8Array.of(1, 2, 3)
    const a = secpSign(priv, msg)
    expect(toHex(secpSign(priv, msg))).toBe(toHex(a))
    expect(a.length).toBe(65)
    expect([0, 1]).toContain(a[64])
    expect(isLowS(a)).toBe(true)
  })

  it("rejects invalid private keys", () => {
    expect(() => secpSign(new Uint8Array(32), Uint8Array.of(1))).toThrow(RangeError)
    expect(() => secpPublicKey(new Uint8Array(31).fill(1))).toThrow(RangeError)
    expect(() => secpPublicKey(new Uint8Array(32).fill(0xff))).toThrow(RangeError) // ≥ n
  })

  const key = fc.uint8Array({ minLength: 32, maxLength: 32 }).filter((k) => secp256k1.utils.isValidSecretKey(k))
  // A signer that did not normalise s would give s > n/2 for about half the keys and messages, so
  // 30 runs catch it with probability 1 − 2^-30.
  test.prop([key, fc.uint8Array({ maxLength: 100 })], { seed: 7601, numRuns: 30 })("sign → verify and recover; s is always low", (priv, msg) => {
    const sig = secpSign(priv, msg)
    expect(isLowS(sig)).toBe(true)
    expect(secpVerify(sig, msg, f1(priv))).toBe(true)
    expect(toHex(Result.getOrThrow(secpRecover(sig, msg)))).toBe(toHex(secpPublicKey(priv)))
  })
})
