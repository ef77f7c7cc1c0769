/**
 * The Stacked DRG function vectors (vectors/proofs/sdr) checked apart from our implementation:
 * the 2 KiB parents vectors, laid out as a parent cache, hash to the digests of rust-fil-proofs'
 * parent_cache.json; every seal vector's CommD agrees with @web3-storage/data-segment, and its
 * replica id, labels and replica nodes are recomputed here with plain sha256 and bigints from the
 * parents vectors (so parents, labels and encoding vectors agree with each other and with the
 * sealed CIDs Filecoin printed); the vectors show every function and typed error; and an adapter
 * with the other API version's parent order fails them.
 */
import { fileURLToPath } from "node:url"
import { sha256 } from "@noble/hashes/sha2.js"
import { Fr32, Piece } from "@web3-storage/data-segment"
import { describe, expect, it } from "vitest"
import { handle } from "../../conformance/adapter.js"
import { loadVectors, runConformance } from "../../conformance/runner.js"
import { FUNCTION_NAMES, type FunctionVector, type Request } from "../../conformance/schema.js"
import { hex, unhex } from "../proofs/_helpers.js"

const loaded = loadVectors(fileURLToPath(new URL("../../vectors", import.meta.url))).filter((v) => v.id.startsWith("proofs/sdr/"))
const vectors = loaded.flatMap((v) => ("vector" in v && "function" in v.vector ? [{ id: v.id, vector: v.vector as FunctionVector }] : []))
const byId = (id: string): FunctionVector => {
  const v = vectors.find((x) => x.id === id)
  if (v === undefined) throw new Error(`no vector ${id}`)
  return v.vector
}
const outputOf = <A>(id: string): A => {
  const v = byId(id)
  if (!("output" in v)) throw new Error(`${id} has no output`)
  return v.output as A
}

// filecoin-project/rust-fil-proofs storage-proofs-porep/parent_cache.json @ storage-proofs-porep-v19.1.0, 2 KiB entries
const PARENT_CACHE_DIGESTS: Record<string, string> = {
  "0": "3da49221e2ed55371b86d0bf3d6526fcf128af61bed904f966428db1b531750d",
  "5": "840057702eea7652cf97e04306c30fe57174714d90de156a25eddd6075c25b97"
}
const R = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n

type Parents = ReadonlyArray<{ node: number; base: ReadonlyArray<number>; expander: ReadonlyArray<number> }>
const allParents = (proof: "0" | "5"): Parents => outputOf<{ parents: Parents }>(`proofs/sdr/valid_parents_2kib_${proof === "0" ? "v1" : "v1_1"}_all`).parents

const leInt = (b: Uint8Array): bigint => b.reduceRight((x, byte) => (x << 8n) | BigInt(byte), 0n)
const masked = (d: Uint8Array): Uint8Array => { d[31] = d[31]! & 0x3f; return d }
const cat = (parts: ReadonlyArray<Uint8Array>): Uint8Array => {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0))
  let o = 0
  for (const p of parts) { out.set(p, o); o += p.length }
  return out
}
const be = (n: bigint, bytes: number): Uint8Array => Uint8Array.from({ length: bytes }, (_, i) => Number((n >> BigInt(8 * (bytes - 1 - i))) & 0xffn))

describe("the 2 KiB parents vectors are Filecoin's graphs", () => {
  it.each(["0", "5"] as const)("seal proof %s: every node, as a cache of 14 u32 LE per node, hashes to parent_cache.json's digest", (proof) => {
    const ps = allParents(proof)
    expect(ps.map((p) => p.node)).toEqual(Array.from({ length: 64 }, (_, i) => i))
    const bytes = new Uint8Array(64 * 14 * 4)
    const view = new DataView(bytes.buffer)
    ps.forEach((p, v) => [...p.base, ...p.expander].forEach((x, k) => view.setUint32((v * 14 + k) * 4, x, true)))
    expect(hex(sha256(bytes))).toBe(PARENT_CACHE_DIGESTS[proof])
  })

  it("the predecessor sits last (API 1.0.0) or first (1.1.0) among the base parents", () => {
    for (const v of [2, 30, 63]) {
      expect(allParents("0")[v]!.base[5]).toBe(v - 1)
      expect(allParents("5")[v]!.base[0]).toBe(v - 1)
    }
  })
})

describe("the seal vectors, recomputed from the parents vectors with plain sha256 and bigints", () => {
  const seals = vectors.filter((v) => v.vector.function === "sdrSeal" && "output" in v.vector)
  it("there are seal vectors under both API versions", () => {
    expect(seals.length).toBeGreaterThanOrEqual(5)
    expect(new Set(seals.map((s) => (s.vector.input as { sealProof: string }).sealProof))).toEqual(new Set(["0", "5"]))
  })

  it.each(seals.map((s) => [s.id, s.vector] as const))("%s", (_, v) => {
    const input = v.input as { sealProof: "0" | "5"; proverId: string; sectorNumber: string; ticket: string; unsealed: string }
    const out = (v as { output: { commD: string; replicaId: string; layers: ReadonlyArray<string>; replica: string } }).output
    const unsealed = unhex(input.unsealed)
    // CommD: the piece commitment of the unpadded sector, by @web3-storage/data-segment
    expect(hex(Piece.fromPayload(Fr32.unpad(unsealed)).root)).toBe(out.commD)
    // replica id: params.rs generate_replica_id
    const porepId = new Uint8Array(32)
    porepId[0] = Number(input.sealProof)
    const rid = masked(sha256(cat([unhex(input.proverId), be(BigInt(input.sectorNumber), 8), unhex(input.ticket), unhex(out.commD), porepId])))
    expect(hex(rid)).toBe(out.replicaId)
    // labels: single.rs create_label over the parents vector's graph
    const ps = allParents(input.sealProof)
    const layers = out.layers.map(unhex)
    expect(layers.length).toBe(2)
    for (let layer = 1; layer <= 2; layer++) {
      for (let node = 0; node < 64; node++) {
        const header = cat([rid, be(BigInt(layer), 4), be(BigInt(node), 8), new Uint8Array(20)])
        const labelOf = (l: number, p: number) => layers[l - 1]!.subarray(32 * p, 32 * p + 32)
        const parents = layer === 1 ? ps[node]!.base.map((p) => labelOf(1, p))
          : [...ps[node]!.base.map((p) => labelOf(2, p)), ...ps[node]!.expander.map((p) => labelOf(1, p))]
        const body = node === 0 ? [] : Array.from({ length: 37 }, (_, i) => parents[i % parents.length]!)
        expect(hex(masked(sha256(cat([header, ...body]))))).toBe(hex(labelOf(layer, node)))
      }
    }
    // replica: data + last layer mod r, node by node
    const replica = unhex(out.replica)
    for (let node = 0; node < 64; node++) {
      const at = (b: Uint8Array) => leInt(b.subarray(32 * node, 32 * node + 32))
      expect(at(replica)).toBe((at(unsealed) + at(layers[1]!)) % R)
    }
  })
})

describe("coverage of the sdr vectors", () => {
  const tags = new Set(vectors.flatMap((v) => ("error" in v.vector ? [v.vector.error.tag] : [])))

  it("every sdr function has valid and invalid vectors", () => {
    const sdr = FUNCTION_NAMES.filter((f) => f.startsWith("sdr"))
    expect(sdr.length).toBe(13)
    for (const f of sdr) {
      expect(vectors.some((v) => v.vector.function === f && "output" in v.vector), f).toBe(true)
      expect(vectors.some((v) => v.vector.function === f && "error" in v.vector), f).toBe(true)
    }
  })

  it("every typed error is shown", () => {
    for (const t of ["UnknownSealProof", "UnsupportedSealProof", "NodeOutOfRange", "InvalidActorId", "InvalidReplicaIdInput", "InvalidLabelInput",
      "InvalidGraph", "InvalidLayerCount", "EncodeLengthMismatch", "NodeNotInField", "InvalidSealInputLength", "InvalidSectorNumber"]) {
      expect(tags).toContain(t)
    }
  })

  it("the known answers carry their source", () => {
    expect(byId("proofs/sdr/valid_seal_lotus_bench").source).toMatch(/lotus-bench\/simple\.go/)
    expect(outputOf<{ sealedCid: string }>("proofs/sdr/valid_seal_lotus_bench").sealedCid).toBe("bagboea4b5abcbrshxgmmpaucffwp2elaofbcrvb7hmcu3653o4lsw2arlor4hn3c")
    for (const s of ["2kib_v1", "2kib_v1_1", "8mib_v1", "8mib_v1_1"]) expect(byId(`proofs/sdr/valid_parent_cache_${s}`).source).toMatch(/parent_cache\.json @ storage-proofs-porep-v19\.1\.0/)
    for (const s of ["64_v1", "128_v1", "64_v1_1", "128_v1_1"]) expect(byId(`proofs/sdr/valid_labels_create_labels_${s}`).source).toMatch(/test_create_labels/)
  })
})

describe("an adapter with the other API version's parent order fails the sdr vectors", () => {
  it("V1_1 (id 5) computed as V1 (id 0): the V1_1 parents, cache, seal and unseal vectors fail", async () => {
    const swapped = (req: Request): Request =>
      "function" in req && "input" in req && typeof req.input === "object" && req.input !== null && "sealProof" in req.input && req.input.sealProof === "5"
        ? ({ ...req, input: { ...req.input, sealProof: "0" } } as Request) : req
    const r = await runConformance(loaded, (req) => {
      const ours = handle(swapped(req))
      return { ...ours, id: req.id }
    })
    const failed = new Set(r.results.filter((x) => x.verdict.status === "fail").map((x) => x.id))
    for (const id of ["valid_parents_2kib_v1_1_all", "valid_parent_cache_2kib_v1_1", "valid_seal_lotus_bench", "valid_seal_v1_1_data", "valid_unseal_v1_1_data", "valid_porep_id_2kib_v1_1"]) {
      expect(failed).toContain(`proofs/sdr/${id}`)
    }
    expect(failed).not.toContain("proofs/sdr/valid_seal_v1_data")
  })
})
