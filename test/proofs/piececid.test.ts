import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { CID } from "multiformats/cid"
import { create as createDigest } from "multiformats/hashes/digest"
import { describe, expect, it } from "vitest"
import { encodeUvarint } from "../../src/proofs/uvarint.js"
import { paddedPieceSize } from "../../src/proofs/piece.js"
import {
  cidToPieceCommitmentV1, dataCommitmentV1ToCID, FIL_COMMITMENT_UNSEALED, FR32_SHA256_TRUNC254_PADBINTREE,
  parsePieceCid, pieceCidV1FromV2, pieceCidV2, pieceCidV2FromV1, pieceCommitmentV1ToCID, RAW, SHA2_256_TRUNC254_PADDED
} from "../../src/proofs/piececid.js"
import { failureOf, hex, tagOf, unhex } from "./_helpers.js"
import { FRC69_CASES, FRC69_COMMP_508, FRC69_EMPTY_SECTORS, FRC69_V2_508_BASE16, PUBLISHED_ZERO_COMMS } from "./_knownAnswers.js"

const commP508 = unhex(FRC69_COMMP_508)
const ok = <A, E>(r: Result.Result<A, E>): A => Result.getOrThrow(r)
const v2Of = (digest: Uint8Array) => CID.createV1(RAW, createDigest(FR32_SHA256_TRUNC254_PADBINTREE, digest))
const v2Digest = (padding: bigint, height: number, root = commP508) => Uint8Array.from([...encodeUvarint(padding), height, ...root])

// filecoin-project/ref-fvm shared/src/commcid/mod.rs @ fvm_shared@v4.8.2
describe("v1 piece CIDs", () => {
  it("bytes 01 81e203 9220 20 <CommP>; base32 starts baga6ea4seaq; FRC-0069 vector", () => {
    const cid = ok(pieceCommitmentV1ToCID(commP508))
    expect(hex(cid.bytes)).toBe(`0181e203922020${FRC69_COMMP_508}`)
    expect(cid.toString()).toBe("baga6ea4seaqes3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi")
    expect(hex(ok(cidToPieceCommitmentV1(cid.toString())))).toBe(FRC69_COMMP_508)
    expect(ok(dataCommitmentV1ToCID(commP508)).equals(cid)).toBe(true)
  })

  // filecoin-project/FIPs FRCs/frc-0069.md @ dd5075fe097672b2af4e72d16507efdc7f03f1c7 (test cases)
  it("the empty 32 GiB and 64 GiB sectors' CIDs (FRC-0069 test cases)", () => {
    const bySize = new Map(PUBLISHED_ZERO_COMMS.map(([, size, commP]) => [size, commP]))
    for (const [size, v1] of FRC69_EMPTY_SECTORS) expect(ok(pieceCommitmentV1ToCID(unhex(bySize.get(size)!))).toString()).toBe(v1)
  })

  test.prop([fc.uint8Array({ minLength: 32, maxLength: 32 })], { seed: 14001, numRuns: 100 })("round trip through string and bytes", (commP) => {
    const cid = ok(pieceCommitmentV1ToCID(commP))
    expect(cid.toString().startsWith("baga6ea4seaq")).toBe(true)
    expect(hex(ok(cidToPieceCommitmentV1(cid.toString())))).toBe(hex(commP))
    expect(hex(ok(cidToPieceCommitmentV1(cid.bytes)))).toBe(hex(commP))
  })

  it("rejects a commitment that is not 32 bytes", () => {
    expect(failureOf(pieceCommitmentV1ToCID(new Uint8Array(31)))).toMatchObject({ _tag: "InvalidCommitmentLength", length: 31 })
  })
})

describe("v2 piece CIDs (FRC-0069)", () => {
  it("the 508-byte vector, also in base16, with its conversions to and from v1 + size", () => {
    const v2 = ok(pieceCidV2(commP508, 508))
    expect(v2.toString()).toBe("bafkzcibcaaces3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi")
    expect(ok(parsePieceCid(FRC69_V2_508_BASE16)).cid.equals(v2)).toBe(true)
    expect(ok(pieceCidV2FromV1("baga6ea4seaqes3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi", ok(paddedPieceSize(512)))).equals(v2)).toBe(true)
    const back = ok(pieceCidV1FromV2(v2.toString()))
    expect(back.cid.toString()).toBe("baga6ea4seaqes3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi")
    expect(back).toMatchObject({ pieceSize: 512n, padding: 0n, payloadSize: 508n })
  })

  it("every FRC-0069 v2 test case parses to the stated padding and height, and converts to its v1", () => {
    for (const c of FRC69_CASES) {
      const info = ok(parsePieceCid(c.v2))
      if (info.format !== "v2") throw new Error("expected v2")
      expect(info.payloadSize, c.name).toBe(BigInt(c.length))
      if (c.padding !== undefined) expect(info.padding).toBe(c.padding)
      if (c.height !== undefined) expect(info.height).toBe(c.height)
      if (c.v1 !== undefined) expect(ok(pieceCidV1FromV2(c.v2)).cid.toString()).toBe(c.v1)
    }
  })

  it("the empty 32 GiB and 64 GiB pieces: v1 + size → v2 with padding 0, and back", () => {
    for (const [size, v1, v2] of FRC69_EMPTY_SECTORS) {
      expect(ok(pieceCidV2FromV1(v1, ok(paddedPieceSize(size)))).toString()).toBe(v2)
      expect(ok(pieceCidV1FromV2(v2))).toMatchObject({ pieceSize: size, padding: 0n })
    }
  })

  test.prop([fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.bigInt({ min: 0n, max: (1n << 40n) })], { seed: 14002, numRuns: 100 })(
    "pieceCidV2 → pieceCidV1FromV2 → pieceCidV2FromV1 round trip for any payload size", (commP, payloadSize) => {
      const v2 = ok(pieceCidV2(commP, payloadSize))
      const back = ok(pieceCidV1FromV2(v2))
      expect(back.payloadSize).toBe(payloadSize)
      expect(hex(ok(cidToPieceCommitmentV1(back.cid)))).toBe(hex(commP))
      expect(ok(pieceCidV2FromV1(back.cid, back.pieceSize, back.padding)).equals(v2)).toBe(true)
    })
})

describe("parsePieceCid — rejections", () => {
  it("a CID of another codec, or of the right codec with another multihash", () => {
    expect(failureOf(parsePieceCid(CID.createV1(0x70, createDigest(0x12, new Uint8Array(32)))))).toMatchObject({ _tag: "UnexpectedPieceCidCodec", codec: 0x70 })
    expect(failureOf(parsePieceCid(CID.createV1(FIL_COMMITMENT_UNSEALED, createDigest(0x12, commP508)))))
      .toMatchObject({ _tag: "UnexpectedPieceCidMultihash", codec: FIL_COMMITMENT_UNSEALED, multihash: 0x12 })
    expect(failureOf(parsePieceCid(CID.createV1(FIL_COMMITMENT_UNSEALED, createDigest(FR32_SHA256_TRUNC254_PADBINTREE, v2Digest(0n, 4))))))
      .toMatchObject({ _tag: "UnexpectedPieceCidMultihash" })
    expect(failureOf(parsePieceCid(CID.createV1(RAW, createDigest(SHA2_256_TRUNC254_PADDED, commP508)))))
      .toMatchObject({ _tag: "UnexpectedPieceCidMultihash", codec: RAW })
    // v1 asked, v2 given, and the other way round
    expect(tagOf(cidToPieceCommitmentV1(v2Of(v2Digest(0n, 4))))).toBe("UnexpectedPieceCidCodec")
    expect(tagOf(pieceCidV1FromV2(ok(pieceCommitmentV1ToCID(commP508))))).toBe("UnexpectedPieceCidCodec")
  })

  it("digests of the wrong length", () => {
    expect(failureOf(parsePieceCid(CID.createV1(FIL_COMMITMENT_UNSEALED, createDigest(SHA2_256_TRUNC254_PADDED, new Uint8Array(31))))))
      .toMatchObject({ _tag: "InvalidPieceCidDigest", length: 31 })
    expect(failureOf(parsePieceCid(v2Of(v2Digest(0n, 4).subarray(0, 33))))).toMatchObject({ _tag: "InvalidPieceCidDigest", length: 33 })
    expect(failureOf(parsePieceCid(v2Of(Uint8Array.from([...v2Digest(0n, 4), 0]))))).toMatchObject({ _tag: "InvalidPieceCidDigest", length: 35 })
    // a non-minimal padding varint (0 as 80 00)
    expect(failureOf(parsePieceCid(v2Of(Uint8Array.from([0x80, 0x00, 4, ...commP508]))))).toMatchObject({ _tag: "InvalidPieceCidDigest", reason: "non-minimal varint" })
  })

  it("heights outside 2 … 58 and paddings that make the height not the smallest (FRC-0069)", () => {
    expect(failureOf(parsePieceCid(v2Of(v2Digest(0n, 1))))).toMatchObject({ _tag: "InvalidPieceCidHeight", height: 1 })
    expect(failureOf(parsePieceCid(v2Of(v2Digest(0n, 59))))).toMatchObject({ _tag: "InvalidPieceCidHeight", height: 59 })
    // height 2 (127-byte payload area): padding 0 … 127
    expect(ok(parsePieceCid(v2Of(v2Digest(127n, 2))))).toMatchObject({ payloadSize: 0n })
    expect(failureOf(parsePieceCid(v2Of(v2Digest(128n, 2))))).toMatchObject({ _tag: "InvalidPieceCidPadding", padding: 128n, height: 2 })
    // height 4 (508 bytes): padding < 254, i.e. payload ≥ 255 (254 bytes fit height 3)
    expect(ok(parsePieceCid(v2Of(v2Digest(253n, 4))))).toMatchObject({ payloadSize: 255n })
    expect(failureOf(parsePieceCid(v2Of(v2Digest(254n, 4))))).toMatchObject({ _tag: "InvalidPieceCidPadding" })
    expect(tagOf(pieceCidV2FromV1(ok(pieceCommitmentV1ToCID(commP508)), ok(paddedPieceSize(512)), 254n))).toBe("InvalidPieceCidPadding")
  })

  it("text that is not a CID", () => {
    expect(tagOf(parsePieceCid("not a cid"))).toBe("InvalidPieceCidEncoding")
    expect(tagOf(parsePieceCid(""))).toBe("InvalidPieceCidEncoding")
    expect(tagOf(parsePieceCid(Uint8Array.of(1, 2, 3)))).toBe("InvalidPieceCidEncoding")
  })
})
