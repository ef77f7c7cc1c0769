/**
 * DAG-CBOR of the PoSt proofs.  The expected bytes of the small Winning proof below are written
 * by hand from the CBOR rules (RFC 8949 §3: 0x8n = array of n, 0x58 0x20 = byte string of 32,
 * 0x00–0x17 = that unsigned integer), not taken from the encoder.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  decodeWindowPostProof, decodeWinningPostProof, encodeWindowPostProof, encodeWinningPostProof
} from "../../../src/proofs/post/cbor.js"
import type { WinningPostProof } from "../../../src/proofs/post/interface.js"
import { postProofsFor } from "../../../src/proofs/post/params.js"
import { proveWindowPost, verifyWindowPost } from "../../../src/proofs/post/windowPost.js"
import { hex, tagOf, unhex } from "../_helpers.js"
import { proverIdOf, testReplica } from "./_replicas.js"

const filled = (b: number) => new Uint8Array(32).fill(b)
const bs = (b: number) => "5820" + hex(filled(b))

describe("PoSt proofs as DAG-CBOR", () => {
  const tiny: WinningPostProof = {
    proofId: 0,
    sector: {
      commC: filled(0xc0), commRLast: filled(0x11),
      openings: [{ root: filled(0x11), leaf: filled(0x22), path: [{ siblings: [1, 2, 3, 4, 5, 6, 7].map(filled), index: 3 }] }]
    }
  }
  // [0, [commC, commRLast, [[root, leaf, [[[s1 … s7], 3]]]]]]
  const tinyHex = "82" + "00" + "83" + bs(0xc0) + bs(0x11) + "81" + "83" + bs(0x11) + bs(0x22) + "81" + "82" + "87" +
    [1, 2, 3, 4, 5, 6, 7].map(bs).join("") + "03"

  it("a small Winning proof encodes to the hand-written bytes and back", () => {
    expect(hex(encodeWinningPostProof(tiny))).toBe(tinyHex)
    expect(Result.getOrThrow(decodeWinningPostProof(unhex(tinyHex)))).toEqual(tiny)
  })

  it("a real Window proof survives the round trip and still verifies", () => {
    const randomness = filled(0x2a)
    const proverId = proverIdOf(1000n)
    const replicas = [testReplica(1n, 5), testReplica(4n, 6), testReplica(6n, 7)]
    const proof = Result.getOrThrow(proveWindowPost({ proof: postProofsFor("2KiB").window, randomness, proverId, replicas }))
    const bytes = encodeWindowPostProof(proof)
    const back = Result.getOrThrow(decodeWindowPostProof(bytes))
    expect(back).toEqual(proof)
    expect(hex(encodeWindowPostProof(back))).toBe(hex(bytes))
    const sectors = replicas.map((r) => ({ sectorNumber: r.sectorNumber, commR: r.commR }))
    expect(Result.isSuccess(verifyWindowPost({ randomness, proverId, sectors }, back))).toBe(true)
  })

  it("bytes that are not a proof are typed errors naming the field", () => {
    const field = (r: ReturnType<typeof decodeWinningPostProof>) => (Result.isFailure(r) && r.failure._tag === "InvalidCborField" ? r.failure.field : "")
    // truncated, trailing byte, non-minimal integer head (0x18 0x00 for 0)
    expect(tagOf(decodeWinningPostProof(unhex(tinyHex.slice(0, -2))))).toBe("MalformedCbor")
    expect(tagOf(decodeWinningPostProof(unhex(tinyHex + "00")))).toBe("MalformedCbor")
    expect(tagOf(decodeWinningPostProof(unhex("821800" + tinyHex.slice(4))))).toBe("MalformedCbor")
    // a 31-byte comm_c
    const short = "82" + "00" + "83" + "581f" + hex(filled(0xc0)).slice(2) + tinyHex.slice(6 + 68)
    expect(field(decodeWinningPostProof(unhex(short)))).toBe("WinningPostProof.sector.commC")
    // a negative position (0x20 = −1)
    expect(field(decodeWinningPostProof(unhex(tinyHex.slice(0, -2) + "20")))).toBe("WinningPostProof.sector.openings[0].path[0].index")
    // a tuple of the wrong length
    expect(field(decodeWinningPostProof(unhex("8100")))).toBe("WinningPostProof")
    expect(tagOf(decodeWindowPostProof(unhex("820a")))).toBe("MalformedCbor")
    // the form only is checked: [10, []] decodes; the verifier rejects its partition count
    expect(Result.getOrThrow(decodeWindowPostProof(unhex("820a80")))).toEqual({ proofId: 10, partitions: [] })
  })
})
