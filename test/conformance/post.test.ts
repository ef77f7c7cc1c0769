/**
 * The PoSt and seal-proof function vectors (vectors/proofs/post, vectors/proofs/sdr/*seal_proof*)
 * checked apart from our implementation: every challenge vector is recomputed with plain sha256
 * from the formulas of rust-fil-proofs storage-proofs-post/src/fallback/vanilla.rs @
 * storage-proofs-post-v19.1.0; every PoSt proof vector, decoded with @ipld/dag-cbor, opens the
 * challenged leaves of its input replicas (leaf, position and first-level siblings read from the
 * replica bytes); the seal proof of the lotus-bench sector carries that sector's own labels,
 * data and replica nodes (the sdrSeal and sdrParents vectors); the vectors show every typed
 * failure; and an adapter that confuses the PoSt API versions fails them.
 */
import { fileURLToPath } from "node:url"
import * as dagCbor from "@ipld/dag-cbor"
import { sha256 } from "@noble/hashes/sha2.js"
import { describe, expect, it } from "vitest"
import { handle } from "../../conformance/adapter.js"
import { loadVectors, runConformance } from "../../conformance/runner.js"
import { FUNCTION_NAMES, type FunctionVector, type Request } from "../../conformance/schema.js"
import { hex, unhex } from "../proofs/_helpers.js"

const all = loadVectors(fileURLToPath(new URL("../../vectors", import.meta.url)))
const loaded = all.filter((v) => v.id.startsWith("proofs/post/"))
const vectors = all.flatMap((v) => ("vector" in v && "function" in v.vector && v.id.startsWith("proofs/") ? [{ id: v.id, vector: v.vector as FunctionVector }] : []))
const post = vectors.filter((v) => v.id.startsWith("proofs/post/"))
const ofFunction = (f: string) => post.filter((v) => v.vector.function === f)
const byId = (id: string): FunctionVector => vectors.find((v) => v.id === id)!.vector
const outputOf = <A>(id: string): A => (byId(id) as unknown as { output: A }).output

const SIZES = [2048, 8 << 20, 512 << 20, 32 * 2 ** 30, 64 * 2 ** 30]
const u64le = (n: bigint): Uint8Array => { const b = new Uint8Array(8); new DataView(b.buffer).setBigUint64(0, n, true); return b }
const firstU64 = (d: Uint8Array): bigint => new DataView(d.buffer, d.byteOffset, 8).getBigUint64(0, true)
const cat = (...parts: ReadonlyArray<Uint8Array>): Uint8Array => {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0))
  let o = 0
  for (const p of parts) { out.set(p, o); o += p.length }
  return out
}

/** vanilla.rs generate_leaf_challenge, with the challenge index rule of each API version (ids 5–9: API 1.0.0). */
const leafChallenges = (postProof: number, randomness: Uint8Array, sectors: ReadonlyArray<bigint>): Array<Array<number>> => {
  const nodes = BigInt(SIZES[postProof % 5]! / 32)
  const count = postProof < 5 ? 66 : 10
  const v1 = postProof < 10
  return sectors.map((s, i) => Array.from({ length: count }, (_, n) => {
    const index = v1 ? BigInt(i * count + n) : BigInt(n)
    return Number(firstU64(sha256(cat(randomness, u64le(s), u64le(index)))) % nodes)
  }))
}

describe("challenge vectors, recomputed with plain sha256", () => {
  it.each(ofFunction("postLeafChallenges").filter((v) => "output" in v.vector).map((v) => [v.id, v.vector] as const))("%s", (_, v) => {
    const input = v.input as { postProof: string; randomness: string; sectors: ReadonlyArray<string> }
    expect((v as { output: unknown }).output).toEqual({ leaves: leafChallenges(Number(input.postProof), unhex(input.randomness), input.sectors.map(BigInt)) })
  })

  it.each(ofFunction("postWinningSectorChallenge").filter((v) => "output" in v.vector).map((v) => [v.id, v.vector] as const))("%s", (_, v) => {
    const input = v.input as { randomness: string; proverId: string; eligibleCount: string }
    const index = firstU64(sha256(cat(unhex(input.proverId), unhex(input.randomness), u64le(0n)))) % BigInt(input.eligibleCount)
    expect((v as { output: unknown }).output).toEqual({ indices: [String(index)] })
  })
})

type Opening = [Uint8Array, Uint8Array, Array<[Array<Uint8Array>, number]>]
type SectorProof = [Uint8Array, Uint8Array, Array<Opening>]
type Replica = { sectorNumber: string; commR: string; commC: string; replica: string }

/** A sector proof opens exactly the challenged leaves of its replica. */
const checkSector = (sp: SectorProof, r: Replica, leaves: ReadonlyArray<number>): void => {
  const replica = unhex(r.replica)
  const node = (i: number) => hex(replica.subarray(32 * i, 32 * i + 32))
  expect(hex(sp[0])).toBe(r.commC)
  expect(sp[2].length).toBe(leaves.length)
  sp[2].forEach(([root, leaf, path], n) => {
    const c = leaves[n]!
    expect(hex(root)).toBe(hex(sp[1]))
    expect(hex(leaf)).toBe(node(c))
    // 2 KiB: two levels of 8; level 0 holds the other 7 nodes of the leaf's group, left to right
    expect(path.map((e) => e[1])).toEqual([c % 8, Math.floor(c / 8) % 8])
    const group = Array.from({ length: 8 }, (_, k) => (c - (c % 8)) + k).filter((k) => k !== c)
    expect(path[0]![0].map(hex)).toEqual(group.map(node))
  })
}

describe("PoSt proof vectors open their replicas' challenged leaves (decoded with @ipld/dag-cbor)", () => {
  it.each(ofFunction("postProveWindow").filter((v) => "output" in v.vector).map((v) => [v.id, v.vector] as const))("%s", (_, v) => {
    const input = v.input as { postProof: string; randomness: string; replicas: ReadonlyArray<Replica> }
    const [proofId, partitions] = dagCbor.decode(unhex((v as { output: { proof: string } }).output.proof)) as [number, Array<Array<SectorProof>>]
    expect(proofId).toBe(Number(input.postProof))
    const sorted = [...input.replicas].sort((a, b) => Number(BigInt(a.sectorNumber) - BigInt(b.sectorNumber)))
    const leaves = leafChallenges(proofId, unhex(input.randomness), sorted.map((r) => BigInt(r.sectorNumber)))
    expect(partitions.length).toBe(Math.ceil(sorted.length / 2))
    sorted.forEach((r, i) => checkSector(partitions[Math.floor(i / 2)]![i % 2]!, r, leaves[i]!))
    // a short last partition repeats its last sector proof
    if (sorted.length % 2 === 1) expect(dagCbor.encode(partitions.at(-1)![1])).toEqual(dagCbor.encode(partitions.at(-1)![0]))
  })

  it.each(ofFunction("postProveWinning").filter((v) => "output" in v.vector).map((v) => [v.id, v.vector] as const))("%s", (_, v) => {
    const input = v.input as { postProof: string; randomness: string; replica: Replica }
    const [proofId, sector] = dagCbor.decode(unhex((v as { output: { proof: string } }).output.proof)) as [number, SectorProof]
    expect(proofId).toBe(Number(input.postProof))
    checkSector(sector, input.replica, leafChallenges(proofId, unhex(input.randomness), [BigInt(input.replica.sectorNumber)])[0]!)
  })

  it("the valid verify vectors check the proofs of the prove vectors", () => {
    const proofs = new Set([...ofFunction("postProveWindow"), ...ofFunction("postProveWinning")].flatMap((v) => ("output" in v.vector ? [(v.vector.output as { proof: string }).proof] : [])))
    const valid = [...ofFunction("postVerifyWindow"), ...ofFunction("postVerifyWinning")].filter((v) => "output" in v.vector)
    expect(valid.length).toBeGreaterThanOrEqual(5)
    for (const v of valid) expect(proofs).toContain((v.vector.input as { proof: string }).proof)
  })
})

describe("the lotus-bench seal proof carries that sector's labels, data and replica nodes", () => {
  type Column = [Array<Uint8Array>, Opening]
  type Labeling = [number, number, Array<Uint8Array>]
  type Challenge = [[Uint8Array, Uint8Array, Array<Uint8Array>], Opening, [Column, Array<Column>, Array<Column>], Array<Labeling>, Labeling]
  const sealed = outputOf<{ commD: string; layers: ReadonlyArray<string>; replica: string }>("proofs/sdr/valid_seal_lotus_bench")
  const parents = outputOf<{ parents: ReadonlyArray<{ base: ReadonlyArray<number>; expander: ReadonlyArray<number> }> }>("proofs/sdr/valid_parents_2kib_v1_1_all").parents
  const [proofId, partitions] = dagCbor.decode(unhex(outputOf<{ proof: string }>("proofs/sdr/valid_seal_proof_lotus_bench").proof)) as [number, Array<Array<Challenge>>]
  const at = (flat: string, i: number) => flat.slice(64 * i, 64 * i + 64)

  it("one partition of two challenges of StackedDrg2KiBV1_1", () => {
    expect(proofId).toBe(5)
    expect(partitions.map((p) => p.length)).toEqual([2])
  })

  it.each([0, 1])("challenge %i: columns, labelling proofs, comm_d and comm_r_last leaves", (i) => {
    const [dOpening, rOpening, [challenge, drg, exp], labeling, encoding] = partitions[0]![i]!
    const c = labeling[0]![1]
    const rows = (node: number) => sealed.layers.map((l) => at(l, node))
    expect(hex(dOpening[0])).toBe(sealed.commD)
    expect(hex(dOpening[1])).toBe("00".repeat(32))
    expect(hex(rOpening[1])).toBe(at(sealed.replica, c))
    expect(challenge[0].map(hex)).toEqual(rows(c))
    expect(drg.map((col) => col[0].map(hex))).toEqual(parents[c]!.base.map(rows))
    expect(exp.map((col) => col[0].map(hex))).toEqual(parents[c]!.expander.map(rows))
    // labelling proofs: layer 1 repeats the 6 base labels of layer 1; layer 2 the 6 base of layer 2 and 8 expander of layer 1
    const l1 = parents[c]!.base.map((p) => at(sealed.layers[0]!, p))
    const l2 = [...parents[c]!.base.map((p) => at(sealed.layers[1]!, p)), ...parents[c]!.expander.map((p) => at(sealed.layers[0]!, p))]
    expect(labeling.map(([layer, node, ps]) => [layer, node, ps.map(hex)])).toEqual([
      [1, c, Array.from({ length: 37 }, (_, k) => l1[k % 6])], [2, c, Array.from({ length: 37 }, (_, k) => l2[k % 14])]
    ])
    expect(dagCbor.encode(encoding)).toEqual(dagCbor.encode(labeling[1]))
  })
})

describe("coverage of the PoSt and seal proof vectors", () => {
  const tags = (fs: ReadonlyArray<string>) => new Set(vectors.filter((v) => fs.includes(v.vector.function)).flatMap((v) => ("error" in v.vector ? [v.vector.error.tag] : [])))

  it("every post function has valid and invalid vectors", () => {
    const fs = FUNCTION_NAMES.filter((f) => f.startsWith("post") || f === "sdrProveSeal" || f === "sdrVerifySeal")
    expect(fs.length).toBe(8)
    for (const f of fs) {
      expect(vectors.some((v) => v.vector.function === f && "output" in v.vector), f).toBe(true)
      expect(vectors.some((v) => v.vector.function === f && "error" in v.vector), f).toBe(true)
    }
  })

  it("every verification failure the brief names is shown: tampered openings, wrong comm_c / CommR, wrong sector, forged labels and encodings", () => {
    const post = tags(["postVerifyWindow", "postVerifyWinning"])
    for (const t of ["OpeningBadPath", "OpeningWrongRoot", "OpeningWrongIndex", "OpeningWrongPathLength", "WrongCommR", "WrongOpeningCount", "WrongPartitionCount",
      "WrongSectorProofCount", "WrongSectorSet", "WrongPoStType", "UnknownPoStProof", "NotAFieldElement", "MalformedCbor", "InvalidCborField"]) expect(post).toContain(t)
    const prove = tags(["postProveWindow", "postProveWinning"])
    for (const t of ["FaultySectors", "WrongPoStType", "WrongSectorSet", "NotAFieldElement", "InvalidReplica", "NodeNotInField"]) expect(prove).toContain(t)
    const seal = tags(["sdrVerifySeal"])
    for (const t of ["WrongSealCommR", "WrongLabel", "WrongEncoding", "WrongLabelingProof", "WrongSealProofShape", "OpeningBadPath", "OpeningWrongRoot",
      "OpeningWrongIndex", "OpeningWrongLeaf", "UnknownSealProof", "UnsupportedSealProof", "InvalidSealPublicInput", "MalformedCbor"]) expect(seal).toContain(t)
  })
})

describe("an adapter that confuses the PoSt API versions fails the PoSt vectors", () => {
  it("Window V1_1 (id 10) computed as V1 (id 5): the second sector's leaves and proofs differ", async () => {
    const swapped = (req: Request): Request =>
      "function" in req && "input" in req && typeof req.input === "object" && req.input !== null && "postProof" in req.input && req.input.postProof === "10"
        ? ({ ...req, input: { ...req.input, postProof: "5" } } as Request) : req
    const r = await runConformance(loaded, (req) => ({ ...handle(swapped(req)), id: req.id }))
    const failed = new Set(r.results.filter((x) => x.verdict.status === "fail").map((x) => x.id))
    for (const id of ["valid_leaves_window_v1_1", "valid_prove_window_two_sectors", "valid_prove_window_three_sectors"]) expect(failed).toContain(`proofs/post/${id}`)
    expect(failed).not.toContain("proofs/post/valid_leaves_window_v1")
  })
})
