import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { base16 } from "multiformats/bases/base16"
import { CID } from "multiformats/cid"
import { create as createDigest } from "multiformats/hashes/digest"
import { describe, expect, it } from "vitest"
import { FIL_COMMITMENT_UNSEALED, pieceCommitmentV1ToCID, SHA2_256_TRUNC254_PADDED } from "../../src/proofs/piececid.js"
import {
  cidToReplicaCommitmentV1, FIL_COMMITMENT_SEALED, POSEIDON_BLS12_381_A2_FC1, replicaCommitmentV1ToCID
} from "../../src/proofs/sealedCid.js"
import { failureOf, hex, tagOf } from "./_helpers.js"

const ok = <A, E>(r: Result.Result<A, E>): A => Result.getOrThrow(r)
const commR = Uint8Array.from({ length: 32 }, (_, i) => i)

/**
 * Sealed CID strings written by other Filecoin software (each must be a CIDv1 fil-commitment-sealed
 * with a 32-byte poseidon-bls12_381-a2-fc1 digest):
 * - filecoin-project/lotus `itests/kit/node_unmanaged.go` @ 06f93277a593fd8bd55afed5256be7d69e2be6ff:
 *   the mock-proofs snap-deal `newSealedCid` ("…ieka") and, in earlier versions of the same file,
 *   the mock CC sector `SealedCids` entry ("…iekz");
 * - eigerco/polka-storage-book `src/storage-provider-cli/client/proofs.md` @
 *   75b474c687050a97f57ac8fd30a58319aaeea22c: the CommR printed after a real 2 KiB `porep` run
 *   with rust-fil-proofs (sector 77).
 * Only their form is checked here: none comes with its CommR bytes.
 */
const SEEN_IN_THE_WILD = [
  "bagboea4b5abcatlxechwbp7kjpjguna6r6q7ejrhe6mdp3lf34pmswn27pkkieka",
  "bagboea4b5abcatlxechwbp7kjpjguna6r6q7ejrhe6mdp3lf34pmswn27pkkiekz",
  "bagboea4b5abcb7rgo7kuqigb2wjybggbvlmmatmki52by3wov5uwjrjwefxwzxi5"
]

describe("sealed CIDs (go-fil-commcid commcid.go @ v0.3.1, ReplicaCommitmentV1ToCID)", () => {
  it("bytes 01 82e203 81e802 20 <CommR> (hand-derived: uvarints of 0xf102 and 0xb401 from the multicodec table)", () => {
    // 0xf102 = 0b11_1100010_0000010 → 0x82 0xe2 0x03; 0xb401 = 0b10_1101000_0000001 → 0x81 0xe8 0x02
    const cid = ok(replicaCommitmentV1ToCID(commR))
    expect(hex(cid.bytes)).toBe(`0182e20381e80220${hex(commR)}`)
    expect(cid.toString().startsWith("bagboea4b5abc")).toBe(true)
    expect(hex(ok(cidToReplicaCommitmentV1(cid)))).toBe(hex(commR))
  })

  it("every sealed CID seen in the wild parses, and re-encodes to the same string", () => {
    for (const s of SEEN_IN_THE_WILD) {
      const r = ok(cidToReplicaCommitmentV1(s))
      expect(r.length).toBe(32)
      expect(ok(replicaCommitmentV1ToCID(r)).toString()).toBe(s)
    }
  })

  it("string, bytes and base16 forms give the same CommR", () => {
    const cid = ok(replicaCommitmentV1ToCID(commR))
    expect(hex(ok(cidToReplicaCommitmentV1(cid.bytes)))).toBe(hex(commR))
    expect(hex(ok(cidToReplicaCommitmentV1(cid.toString(base16))))).toBe(hex(commR))
  })

  test.prop([fc.uint8Array({ minLength: 32, maxLength: 32 })], { seed: 9102, numRuns: 100 })("round trip for any 32 bytes", (c) => {
    const s = ok(replicaCommitmentV1ToCID(c)).toString()
    expect(hex(ok(cidToReplicaCommitmentV1(s)))).toBe(hex(c))
  })
})

describe("bad input: a typed error naming what was wrong", () => {
  it("a commitment of 31 or 33 bytes", () => {
    expect(failureOf(replicaCommitmentV1ToCID(new Uint8Array(31)))).toMatchObject({ _tag: "InvalidCommitmentLength", length: 31 })
    expect(tagOf(replicaCommitmentV1ToCID(new Uint8Array(33)))).toBe("InvalidCommitmentLength")
  })
  it("not a CID", () => {
    expect(tagOf(cidToReplicaCommitmentV1("bagboea4b5abc!!"))).toBe("InvalidPieceCidEncoding")
    expect(tagOf(cidToReplicaCommitmentV1("?nope"))).toBe("InvalidPieceCidEncoding")
    expect(tagOf(cidToReplicaCommitmentV1(Uint8Array.of(1, 2)))).toBe("InvalidPieceCidEncoding")
  })
  it("an unsealed (piece) CID: wrong codec", () => {
    const piece = ok(pieceCommitmentV1ToCID(commR))
    expect(failureOf(cidToReplicaCommitmentV1(piece))).toMatchObject({ _tag: "UnexpectedSealedCidCodec", codec: FIL_COMMITMENT_UNSEALED })
  })
  it("fil-commitment-sealed with the SHA-256 multihash (go-fil-commcid ErrIncorrectHash)", () => {
    const cid = CID.createV1(FIL_COMMITMENT_SEALED, createDigest(SHA2_256_TRUNC254_PADDED, commR))
    expect(failureOf(cidToReplicaCommitmentV1(cid))).toMatchObject({ _tag: "UnexpectedSealedCidMultihash", multihash: SHA2_256_TRUNC254_PADDED })
  })
  it("a 31- or 33-byte digest", () => {
    for (const n of [31, 33]) {
      const cid = CID.createV1(FIL_COMMITMENT_SEALED, createDigest(POSEIDON_BLS12_381_A2_FC1, new Uint8Array(n)))
      expect(failureOf(cidToReplicaCommitmentV1(cid))).toMatchObject({ _tag: "InvalidSealedCidDigest", length: n })
    }
  })
  it("the input is not modified", () => {
    const c = commR.slice()
    const cid = ok(replicaCommitmentV1ToCID(c))
    ok(cidToReplicaCommitmentV1(cid))[0] = 99
    expect(c).toEqual(commR)
    expect(ok(cidToReplicaCommitmentV1(cid))).toEqual(commR)
  })
})
