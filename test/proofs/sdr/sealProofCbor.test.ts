/**
 * DAG-CBOR of the vanilla seal proof.  The expected leading bytes are written by hand from the
 * CBOR rules (RFC 8949 §3: 0x8n = array of n, 0x58 0x20 = byte string of 32, 0x00–0x17 = that
 * unsigned integer) and the layout in sealProofCbor.ts; the rest is a round trip whose result
 * must still verify.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { tsEngine } from "../../../src/proofs/sdr/engine.js"
import { sealProofFor } from "../../../src/proofs/sdr/porepId.js"
import { proverIdFromActorId } from "../../../src/proofs/sdr/replicaId.js"
import { seal } from "../../../src/proofs/sdr/seal.js"
import { proveSeal } from "../../../src/proofs/sdr/sealProof.js"
import { decodeSealProof, encodeSealProof } from "../../../src/proofs/sdr/sealProofCbor.js"
import { verifySeal } from "../../../src/proofs/sdr/verifySeal.js"
import { hex, tagOf, unhex } from "../_helpers.js"

const out = Result.getOrThrow(seal({
  proof: sealProofFor("2KiB", "V1_1_0"), proverId: proverIdFromActorId(1000n), sectorNumber: 1n, ticket: new Uint8Array(32),
  unsealed: new Uint8Array(2048), engine: tsEngine
}))
const seed = new Uint8Array(32).fill(9)
const proof = Result.getOrThrow(proveSeal(out, seed))
const bytes = encodeSealProof(proof)

describe("seal proofs as DAG-CBOR", () => {
  it("starts [5, [[challenge proof, challenge proof]]] with challenge proof = [[CommD, …", () => {
    // 82 (proofId, partitions) 05 81 (one partition) 82 (two challenges) 85 (five fields) 83 (root, leaf, siblings) 5820 CommD
    expect(hex(bytes.subarray(0, 6 + 2 + 32))).toBe("820581828583" + "5820" + hex(out.commD))
  })

  it("round-trips to the same proof and bytes, which still verifies", () => {
    const back = Result.getOrThrow(decodeSealProof(bytes))
    expect(back).toEqual(proof)
    expect(hex(encodeSealProof(back))).toBe(hex(bytes))
    expect(Result.isSuccess(verifySeal({ replicaId: out.replicaId, commD: out.commD, commR: out.commR, seed }, back))).toBe(true)
  })

  it("bytes that are not a seal proof are typed errors naming the field", () => {
    const field = (r: ReturnType<typeof decodeSealProof>) => (Result.isFailure(r) && r.failure._tag === "InvalidCborField" ? r.failure.field : "")
    expect(tagOf(decodeSealProof(bytes.subarray(0, bytes.length - 1)))).toBe("MalformedCbor")
    expect(tagOf(decodeSealProof(unhex("8205")))).toBe("MalformedCbor")
    expect(Result.getOrThrow(decodeSealProof(unhex("820580")))).toEqual({ proofId: 5, partitions: [] })
    // CommD as a 31-byte string: 0x58 0x1f
    const short = unhex("820581828583" + "581f" + hex(out.commD).slice(2) + hex(bytes.subarray(40)))
    expect(field(decodeSealProof(short))).toBe("SealProof.partitions[0][0].commDOpening.root")
    expect(tagOf(decodeSealProof(unhex("8205818184")))).toBe("MalformedCbor")
    expect(field(decodeSealProof(unhex("82058181f6")))).toBe("SealProof.partitions[0][0]")
  })
})
