import { bls12_381 } from "@noble/curves/bls12-381.js"
import { secp256k1 } from "@noble/curves/secp256k1.js"
import { blake2b } from "@noble/hashes/blake2.js"
import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { addressEquals, addressToString, idAddress, newBlsAddress, newSecp256k1Address } from "../../../src/impl/address/address.js"
import { toHex } from "../../../src/impl/encoding/hex.js"
import {
  keyFromPrivateKey, keyFromSeed, signBytes, verifySignature, verifySignatureDetailed
} from "../../../src/impl/crypto/keys.js"
import { SigType } from "../../../src/impl/crypto/signature.js"

const b64 = (s: string) => new Uint8Array(Buffer.from(s, "base64"))
const tagOf = <A, E extends { _tag: string }>(r: Result.Result<A, E>): string => {
  if (Result.isSuccess(r)) throw new Error("expected a failure")
  return r.failure._tag
}
const beToBigint = (bytes: Uint8Array) => bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n)
const bigintToBytes = (x: bigint, le: boolean) => {
  const be = Uint8Array.from(Buffer.from(x.toString(16).padStart(64, "0"), "hex"))
  return le ? be.reverse() : be
}

describe("keyFromPrivateKey — Zondax/filecoin-signing-tools test_vectors/wallet.json (commit 2b0f25f)", () => {
  it("secp256k1 private_key → f1d2xrzcslx7xlbbylc5c3d5lvandqw4iwl6epxba (childs[3].address)", () => {
    const key = keyFromPrivateKey(SigType.Secp256k1, b64("8VcW07ADswS4BV2cxi5rnIadVsyTDDhY1NfDH19T8Uo="))
    expect(addressToString(key.address)).toBe("f1d2xrzcslx7xlbbylc5c3d5lvandqw4iwl6epxba")
    expect(key.publicKey.length).toBe(65)
  })

  it("bls_private_key → bls_address", () => {
    const key = keyFromPrivateKey(SigType.BLS, b64("P2pSgkvsZSgi0LOczuHmSXT1+l/hvSs3fVBb4y8OgVo="))
    expect(addressToString(key.address, "t")).toBe(
      "t3uxb75vcy3ilwbsaavao52v7gfnfh6aics4a7nj26dwpcmj4mxxgnzholkupuplafdrbd55frpoolfnm7wlda"
    )
  })
})

describe("keyFromSeed", () => {
  it("secp256k1: private key = (blake2b-384(\"filflow key secp256k1:\" ‖ seed) mod (n − 1)) + 1, big-endian", () => {
    // the documented derivation written out with bigint arithmetic (FIPS 186-5 A.2 reduction)
    const material = blake2b(new TextEncoder().encode("filflow key secp256k1:client"), { dkLen: 48 })
    const n = secp256k1.Point.Fn.ORDER
    const expected = (beToBigint(material) % (n - 1n)) + 1n
    const key = keyFromSeed(SigType.Secp256k1, "client")
    expect(toHex(key.privateKey)).toBe(toHex(bigintToBytes(expected, false)))
  })

  it("BLS: same reduction modulo r, stored little-endian", () => {
    const material = blake2b(new TextEncoder().encode("filflow key bls:miner"), { dkLen: 48 })
    const r = bls12_381.G1.Point.Fn.ORDER
    const expected = (beToBigint(material) % (r - 1n)) + 1n
    const key = keyFromSeed(SigType.BLS, "miner")
    expect(toHex(key.privateKey)).toBe(toHex(bigintToBytes(expected, true)))
  })

  it("is deterministic and separates seeds and types", () => {
    const a = keyFromSeed(SigType.Secp256k1, "a")
    expect(keyFromSeed(SigType.Secp256k1, "a")).toEqual(a)
    expect(toHex(keyFromSeed(SigType.Secp256k1, "b").privateKey)).not.toBe(toHex(a.privateKey))
    const bls = keyFromSeed(SigType.BLS, "a")
    expect(toHex(bls.privateKey)).not.toBe(toHex(a.privateKey))
    expect(a.address.protocol).toBe(1)
    expect(bls.address.protocol).toBe(3)
    expect(addressEquals(a.address, Result.getOrThrow(newSecp256k1Address(a.publicKey)))).toBe(true)
    expect(addressEquals(bls.address, Result.getOrThrow(newBlsAddress(bls.publicKey)))).toBe(true)
  })
})

describe("signBytes / verifySignature", () => {
  const secp = keyFromSeed(SigType.Secp256k1, "client")
  const bls = keyFromSeed(SigType.BLS, "provider")
  const msg = new TextEncoder().encode("voucher bytes")

  it.each([["secp256k1", secp], ["BLS", bls]] as const)("%s: sign → verify, and only by its signer", (_, key) => {
    const sig = signBytes(key, msg)
    expect(sig.type).toBe(key.type)
    expect(verifySignature(sig, key.address, msg)).toBe(true)
    expect(verifySignature(sig, key.address, Uint8Array.of(1))).toBe(false)
    const other = keyFromSeed(key.type, "someone else")
    expect(tagOf(verifySignatureDetailed(sig, other.address, msg))).toBe("SignatureMismatch")
  })

  it("the signature type must match the address protocol", () => {
    expect(tagOf(verifySignatureDetailed(signBytes(bls, msg), secp.address, msg))).toBe("SignatureAddressMismatch")
    expect(tagOf(verifySignatureDetailed(signBytes(secp, msg), bls.address, msg))).toBe("SignatureAddressMismatch")
    expect(tagOf(verifySignatureDetailed(signBytes(bls, msg), idAddress(101n), msg))).toBe("SignatureAddressMismatch")
    // a BLS signature relabelled as secp256k1 has the wrong length for it
    const relabelled = { type: SigType.Secp256k1, data: signBytes(bls, msg).data }
    expect(tagOf(verifySignatureDetailed(relabelled, secp.address, msg))).toBe("InvalidSignatureLength")
  })


  test.prop([fc.string({ maxLength: 12 }), fc.uint8Array({ maxLength: 80 })], { seed: 7501, numRuns: 20 })(
    "secp256k1 keys from any seed sign and verify",
    (seed, m) => {
      const key = keyFromSeed(SigType.Secp256k1, seed)
      expect(verifySignature(signBytes(key, m), key.address, m)).toBe(true)
    }
  )
})
