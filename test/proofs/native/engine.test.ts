/**
 * The native seal engine against the TypeScript engine (helper `seal`'s `tsEngine`, the
 * reference): the same bytes from every function, the same RangeErrors for broken preconditions,
 * and a whole 2 KiB seal giving lotus-bench's sealed CID.
 *
 * Known answer: filecoin-project/lotus cmd/lotus-bench/simple.go @ e14866315 (the example run of
 * `lotus-bench simple` for a 2 KiB sector: miner t01000, sector 1, zero ticket, 2048 zero bytes,
 * StackedDrg2KiBV1_1) prints r:bagboea4b5abcbrshxgmmpaucffwp2elaofbcrvb7hmcu3653o4lsw2arlor4hn3c.
 */
import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { FR_MODULUS, frToRepr } from "../../../src/proofs/poseidon/field.js"
import { defaultEngine, tsEngine } from "../../../src/proofs/sdr/engine.js"
import { makeNativeEngine, nativeSealEngine } from "../../../src/proofs/sdr/nativeEngine.js"
import { sealProofFor } from "../../../src/proofs/sdr/porepId.js"
import { proverIdFromActorId } from "../../../src/proofs/sdr/replicaId.js"
import { seal, unseal } from "../../../src/proofs/sdr/seal.js"
import { hex, native, skipReason } from "./_reference.js"

const engine = native === undefined ? undefined : makeNativeEngine(native, 2)

/** n canonical nodes (uniform field elements) as one flat array. */
const flatNodes = (n: number) =>
  fc.array(fc.bigInt({ min: 0n, max: FR_MODULUS - 1n }), { minLength: n, maxLength: n }).map((xs) => {
    const out = new Uint8Array(32 * n)
    xs.forEach((x, i) => out.set(frToRepr(x), 32 * i))
    return out
  })

const noNative = process.env.FILFLOW_NO_NATIVE !== undefined && process.env.FILFLOW_NO_NATIVE !== "" && process.env.FILFLOW_NO_NATIVE !== "0"

describe("engine choice", () => {
  it.runIf(native !== undefined && !noNative)("defaultEngine() is the native engine when the binding loads", () => {
    expect(nativeSealEngine()?.name).toBe("native")
    expect(defaultEngine()).toBe(nativeSealEngine())
  })
  it.runIf(native === undefined)(`without the binding there is no native engine${skipReason}`, () => {
    expect(nativeSealEngine()).toBeUndefined()
    expect(defaultEngine()).toBe(tsEngine)
  })
})

describe.skipIf(native === undefined)(`native engine equals the TypeScript engine${skipReason}`, () => {
  test.prop([fc.constantFrom(2, 8).chain((a) => fc.tuple(fc.constant(a), flatNodes(a === 2 ? 32 : 64)))], { seed: 40001, numRuns: 10 })(
    "poseidonTreeLevels",
    ([arity, leaves]) => {
      expect(engine!.poseidonTreeLevels(arity, leaves).map(hex)).toEqual(tsEngine.poseidonTreeLevels(arity, leaves).map(hex))
    }
  )

  test.prop([fc.constantFrom(2, 11), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 2 ** 31 })], { seed: 40002, numRuns: 10 })(
    "columnHashes",
    (count, nodes, seed) => {
      const layers = Array.from({ length: count }, (_, l) => {
        const out = new Uint8Array(32 * nodes)
        for (let j = 0; j < nodes; j++) out.set(frToRepr((BigInt(seed) * 0x9e3779b97f4a7c15n + BigInt(l * 1000 + j) ** 7n) % FR_MODULUS), 32 * j)
        return out
      })
      expect(hex(engine!.columnHashes(layers))).toBe(hex(tsEngine.columnHashes(layers)))
    }
  )

  test.prop([flatNodes(16), flatNodes(16)], { seed: 40003, numRuns: 20 })("encode and decode (and decode inverts encode)", (key, data) => {
    const replica = engine!.encode(key, data)
    expect(hex(replica)).toBe(hex(tsEngine.encode(key, data)))
    expect(hex(engine!.decode(key, replica))).toBe(hex(data))
    expect(hex(engine!.decode(key, data))).toBe(hex(tsEngine.decode(key, data)))
  })

  it("broken preconditions are RangeErrors, as in the TypeScript engine", () => {
    const bad = new Uint8Array(64).fill(0xff)
    for (const e of [engine!, tsEngine]) {
      expect(() => e.poseidonTreeLevels(8, bad)).toThrow(RangeError)
      expect(() => e.poseidonTreeLevels(3, new Uint8Array(96))).toThrow(RangeError)
      expect(() => e.poseidonTreeLevels(2, bad)).toThrow(RangeError)
      expect(() => e.columnHashes([bad, bad])).toThrow(RangeError)
      expect(() => e.columnHashes([bad])).toThrow(RangeError)
    }
    expect(() => engine!.encode(bad, bad)).toThrow(RangeError)
    expect(() => engine!.encode(new Uint8Array(32), new Uint8Array(64))).toThrow(RangeError)
  })

  it("progress: trees report hashes done up to the total, columns up to the node count", () => {
    const seen: Array<number> = []
    engine!.poseidonTreeLevels(8, new Uint8Array(32 * 512), (d) => seen.push(d))
    expect(seen.at(-1)).toBe(64 + 8 + 1)
    const cols: Array<number> = []
    engine!.columnHashes([new Uint8Array(32 * 5), new Uint8Array(32 * 5)], (d) => cols.push(d))
    expect(cols).toEqual([5])
  })

  it("a whole 2 KiB seal gives lotus-bench's sealed CID, the same outputs as the TypeScript engine, and unseals", () => {
    const input = { proof: sealProofFor("2KiB", "V1_1_0"), proverId: proverIdFromActorId(1000n), sectorNumber: 1n, ticket: new Uint8Array(32), unsealed: new Uint8Array(2048) }
    const n = Result.getOrThrow(seal({ ...input, engine: engine! }))
    expect(n.sealedCid.toString()).toBe("bagboea4b5abcbrshxgmmpaucffwp2elaofbcrvb7hmcu3653o4lsw2arlor4hn3c")
    const t = Result.getOrThrow(seal({ ...input, engine: tsEngine }))
    expect([n.commC, n.commRLast, n.replica, ...n.layers, ...n.treeC, ...n.treeRLast].map(hex))
      .toEqual([t.commC, t.commRLast, t.replica, ...t.layers, ...t.treeC, ...t.treeRLast].map(hex))
    const back = Result.getOrThrow(unseal({ proof: input.proof, replicaId: n.replicaId, replica: n.replica, engine: engine! }))
    expect(hex(back)).toBe(hex(input.unsealed))
  })
})
