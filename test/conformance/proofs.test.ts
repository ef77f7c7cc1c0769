/**
 * Function vectors (vectors/proofs, vectors/packing): every CommP vector agrees with an
 * independent implementation (@web3-storage/data-segment); the vectors cover every function and
 * every typed error the brief names; and adapters that are wrong on them are reported as failing.
 */
import { fileURLToPath } from "node:url"
import { Piece } from "@web3-storage/data-segment"
import { describe, expect, it } from "vitest"
import { handle } from "../../conformance/adapter.js"
import { type Adapter, loadVectors, runConformance, succeeded } from "../../conformance/runner.js"
import { FUNCTION_NAMES, type FunctionVector, type Response } from "../../conformance/schema.js"
import { fromHex, toHex } from "../../src/impl/encoding/hex.js"
import { Result } from "effect"

const vectors = loadVectors(fileURLToPath(new URL("../../vectors", import.meta.url)))
const fnVectors = vectors.flatMap((v) => ("vector" in v && "function" in v.vector ? [{ id: v.id, vector: v.vector as FunctionVector }] : []))
const fnLoaded = vectors.filter((v) => "vector" in v && "function" in v.vector)

describe("CommP vectors agree with @web3-storage/data-segment", () => {
  const commp = fnVectors.filter((v) => v.vector.function === "commP" && "output" in v.vector)
  it("there are CommP vectors", () => expect(commp.length).toBeGreaterThanOrEqual(10))
  it.each(commp.map((v) => [v.id, v] as const))("%s", (_, v) => {
    if (v.vector.function !== "commP" || !("output" in v.vector)) throw new Error("not a commP vector")
    const out = v.vector.output as { commP: string; size: string; height: number; padding: string; pieceCidV1: string; pieceCidV2: string }
    const piece = Piece.fromPayload(Result.getOrThrow(fromHex(v.vector.input.payload)))
    expect(toHex(piece.root)).toBe(out.commP)
    expect(piece.link.toString()).toBe(out.pieceCidV2)
    expect(String(piece.padding)).toBe(out.padding)
    expect(piece.height).toBe(out.height)
    expect(String(Piece.toInfo(piece).size)).toBe(out.size)
    expect(Piece.toInfo(piece).link.toString()).toBe(out.pieceCidV1)
  })
})

describe("coverage of the function vectors", () => {
  const tags = (prefix: string) => new Set(fnVectors.filter((v) => v.id.startsWith(prefix) && "error" in v.vector).map((v) => ("error" in v.vector ? v.vector.error.tag : "")))

  it("every function has a vector that succeeds", () => {
    for (const f of FUNCTION_NAMES) expect(fnVectors.some((v) => v.vector.function === f && "output" in v.vector), f).toBe(true)
  })

  it("the typed errors of fr32, CommD and PIPs are shown", () => {
    for (const t of ["Fr32InvalidLength", "Fr32NodeOverflow"]) expect(tags("proofs/fr32/")).toContain(t)
    for (const t of ["PieceLargerThanSector", "PiecesExceedSector", "InvalidPieceSize", "InvalidSectorSize"]) expect(tags("proofs/commd/")).toContain(t)
    for (const t of ["PipRootMismatch", "PipOffsetNotAligned", "PipPathLengthMismatch", "PipSectorSizeMismatch", "PieceNotInLayout", "PipEncodingVersion", "PipEncodingLength"]) {
      expect(tags("proofs/pip/")).toContain(t)
    }
  })

  it("every sector-indexing check (TLA+ operator or input check) is shown failing", () => {
    const t = tags("packing/")
    for (const tag of ["DealNotYetAdded", "DealQueued", "SectorOpen", "OffsetAligned", "PieceFits", "NoOverlapWith", "SectorNotEmpty", "InvalidPieceCid", "InvalidPieceSize", "InvalidSectorNumber"]) {
      expect(t).toContain(tag)
    }
  })

  it("the known answers carry their source", () => {
    const frc = fnVectors.find((v) => v.id === "proofs/commp/valid_frc0069")!
    expect(frc.vector.source).toMatch(/FRC-0069/)
    expect("output" in frc.vector && (frc.vector.output as { pieceCidV1: string }).pieceCidV1).toBe("baga6ea4seaqes3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi")
    for (const size of ["128", "2kib", "8mib", "512mib", "32gib", "64gib"]) expect(fnVectors.find((v) => v.id === `proofs/commp/valid_zero_piece_${size}`)?.vector.source).toMatch(/go-commp-utils zerocomm\/zerocomm\.go @ v2\.1\.0/)
  })
})

describe("wrong adapters fail the function vectors", () => {
  const flipHex = (x: unknown): unknown =>
    typeof x === "string" && /^([0-9a-f]{2})+$/.test(x) && x.length >= 64 ? (x[0] === "0" ? "1" : "0") + x.slice(1)
      : Array.isArray(x) ? x.map(flipHex)
      : typeof x === "object" && x !== null ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, flipHex(v)])) : x

  it("all pass against ours", async () => {
    const r = await runConformance(fnLoaded, handle)
    expect(r.total).toEqual({ passed: fnLoaded.length, failed: 0, skipped: 0 })
  })

  it("an adapter that changes one hex digit of every output fails every vector with a commitment in its output", async () => {
    const adapter: Adapter = (req) => {
      const ours = handle(req)
      return "output" in ours ? ({ ...ours, output: flipHex(ours.output) } as Response) : ours
    }
    const r = await runConformance(fnLoaded, adapter)
    const failed = new Set(r.results.filter((x) => x.verdict.status === "fail").map((x) => x.id))
    // the vectors with a commitment (a hex string of 32 bytes or more) in their expected output
    const withCommitment = fnVectors.filter((v) => "output" in v.vector && JSON.stringify(flipHex(v.vector.output)) !== JSON.stringify(v.vector.output)).map((v) => v.id)
    for (const id of ["proofs/commp/valid_frc0069", "proofs/commd/valid_several_pieces", "proofs/pip/valid_make_piece_1", "packing/pack_sector/valid_two_sectors", "proofs/fr32/valid_pad_1016"]) {
      expect(withCommitment).toContain(id)
    }
    expect(withCommitment.filter((id) => !failed.has(id))).toEqual([])
    expect(succeeded(r)).toBe(false)
  })

  it("an adapter that answers another error tag fails every rejected vector; one that never fails fails them too", async () => {
    const rejected = new Set(fnVectors.filter((v) => "error" in v.vector).map((v) => v.id))
    const invalid = fnLoaded.filter((v) => rejected.has(v.id))
    expect(invalid.length).toBeGreaterThan(40)
    const otherTag = await runConformance(invalid, (req) => {
      const ours = handle(req)
      return "error" in ours ? { id: ours.id, error: { tag: ours.error.tag + "X" } } : ours
    })
    expect(otherTag.total.failed).toBe(invalid.length)
    const never = await runConformance(invalid, (req) => ({ id: req.id, output: { valid: true } }))
    expect(never.total.failed).toBe(invalid.length)
  })

  it("an adapter that fails every call fails every valid vector", async () => {
    const accepted = new Set(fnVectors.filter((v) => "output" in v.vector).map((v) => v.id))
    const valid = fnLoaded.filter((v) => accepted.has(v.id))
    expect(valid.length).toBeGreaterThan(0)
    const r = await runConformance(valid, (req) => ({ id: req.id, error: { tag: "NotImplemented" } }))
    expect(r.total.failed).toBe(valid.length)
  })
})
