/**
 * Sealing and unsealing 2 KiB sectors.
 *
 * Known answers produced by Filecoin's own code (lotus → filecoin-ffi → rust-fil-proofs):
 * - filecoin-project/lotus cmd/lotus-bench/simple.go @ e14866315 (2022-05-26, "bench: add simple
 *   bench descriptions"; the description is unchanged at v1.28.1-984-gb835fab70): the example run
 *   `lotus-bench simple addpiece --sector-size 2K /dev/zero …` then `precommit1` / `precommit2`
 *   prints `d:baga6ea4seaqpy7usqklokfx2vxuynmupslkeutzexe2uqurdg5vhtebhxqmpqmy
 *   r:bagboea4b5abcbrshxgmmpaucffwp2elaofbcrvb7hmcu3653o4lsw2arlor4hn3c`.  The inputs, from the
 *   same file at that commit: miner `t01000` (flag default), sector number 1, ticket
 *   `var ticket [32]byte // all zero`, proof `spt(2KiB)` = `SealProofTypeFromSectorSize(…,
 *   NewestNetworkVersion)` = StackedDrg2KiBV1_1, data = 2048 zero bytes (AddPiece of /dev/zero).
 * - a `lotus-miner sectors status --log 1` transcript of a 2 KiB devnet (2021-04-07, miner t01002,
 *   third-party notes in the public code index; the repository holding them was not identified, so this is the weaker
 *   source): PreCommitInfo `SealProof 5` (StackedDrg2KiBV1_1), `SectorNumber 1`, ticket
 *   `c3a1ca12b981a8a59f9a4764edf3398edd239b2afa8ca2bbd57e0091ec193aa0`, a CC sector (filler piece =
 *   the empty 2 KiB piece), `Sealed: bagboea4b5abcbnym7z3pgc64fk5wwsk3nsmz62jamgaa3pekzelmm3fv5q6g6zji`.
 * No V1 (API 1.0.0) CommR, and none for 8 MiB or 512 MiB, was found with stated inputs.
 *
 * The rest checks the composition against the array-based references (poseidon/tree.ts,
 * field.ts) and labelNode over the graph's own parents (not the cache).
 */
import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { merkleTree } from "../../../src/proofs/merkle.js"
import { _zeroNodes } from "../../../src/proofs/zerocomm.js"
import { frAdd, frFromRepr, frToRepr } from "../../../src/proofs/poseidon/field.js"
import { poseidonHash } from "../../../src/proofs/poseidon/poseidon.js"
import { poseidonTreeRoot, treeCLeaves } from "../../../src/proofs/poseidon/tree.js"
import { tsEngine } from "../../../src/proofs/sdr/engine.js"
import { StackedBucketGraph } from "../../../src/proofs/sdr/expander.js"
import { labelNode } from "../../../src/proofs/sdr/labels.js"
import { porepId, sealProofFor } from "../../../src/proofs/sdr/porepId.js"
import { proverIdFromActorId } from "../../../src/proofs/sdr/replicaId.js"
import { SEAL_STAGES, seal, type SealStage, unseal } from "../../../src/proofs/sdr/seal.js"

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex")
const V1_1 = sealProofFor("2KiB", "V1_1_0")
const V1 = sealProofFor("2KiB", "V1_0_0")
const nodesOf = (flat: Uint8Array): Array<Uint8Array> => Array.from({ length: flat.length / 32 }, (_, i) => flat.subarray(32 * i, 32 * i + 32))
/** 2048 bytes whose nodes are canonical: fr32-style, the top two bits of each node's last byte cleared. */
const fr32Like = fc.uint8Array({ minLength: 2048, maxLength: 2048 }).map((b) => { for (let i = 31; i < 2048; i += 32) b[i]! &= 0x3f; return b })

describe("seal: CommR known answers from lotus / rust-fil-proofs (2 KiB, V1_1)", () => {
  it("lotus-bench simple: t01000, sector 1, zero ticket, zero data", () => {
    const out = Result.getOrThrow(seal({
      proof: V1_1, proverId: proverIdFromActorId(1000n), sectorNumber: 1n, ticket: new Uint8Array(32), unsealed: new Uint8Array(2048), engine: tsEngine
    }))
    expect(out.unsealedCid.toString()).toBe("baga6ea4seaqpy7usqklokfx2vxuynmupslkeutzexe2uqurdg5vhtebhxqmpqmy")
    expect(out.sealedCid.toString()).toBe("bagboea4b5abcbrshxgmmpaucffwp2elaofbcrvb7hmcu3653o4lsw2arlor4hn3c")
  })

  it("lotus-miner transcript: t01002, sector 1, ticket c3a1…3aa0, CC sector", () => {
    const out = Result.getOrThrow(seal({
      proof: V1_1, proverId: proverIdFromActorId(1002n), sectorNumber: 1n,
      ticket: Buffer.from("c3a1ca12b981a8a59f9a4764edf3398edd239b2afa8ca2bbd57e0091ec193aa0", "hex"), unsealed: new Uint8Array(2048), engine: tsEngine
    }))
    expect(out.sealedCid.toString()).toBe("bagboea4b5abcbnym7z3pgc64fk5wwsk3nsmz62jamgaa3pekzelmm3fv5q6g6zji")
  })

  it("mutants miss them: the V1 graph, another sector number, or a little-endian prover id", () => {
    const base = { proverId: proverIdFromActorId(1000n), sectorNumber: 1n, ticket: new Uint8Array(32), unsealed: new Uint8Array(2048), engine: tsEngine }
    const expected = "bagboea4b5abcbrshxgmmpaucffwp2elaofbcrvb7hmcu3653o4lsw2arlor4hn3c"
    expect(Result.getOrThrow(seal({ ...base, proof: V1 })).sealedCid.toString()).not.toBe(expected)
    expect(Result.getOrThrow(seal({ ...base, proof: V1_1, sectorNumber: 2n })).sealedCid.toString()).not.toBe(expected)
    const le = new Uint8Array(32); new DataView(le.buffer).setBigUint64(0, 1000n, true)
    expect(Result.getOrThrow(seal({ ...base, proof: V1_1, proverId: le })).sealedCid.toString()).not.toBe(expected)
  })
})

describe("seal: each output is what its definition says", () => {
  test.prop([fr32Like, fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.bigInt({ min: 0n, max: (1n << 63n) - 1n }), fc.constantFrom(V1, V1_1)], { seed: 9401, numRuns: 4 })(
    "CommD, labels, tree_c, replica, tree_r_last, CommR, and unseal recovers the bytes", (unsealed, ticket, sectorNumber, proof) => {
      const before = hex(unsealed)
      const out = Result.getOrThrow(seal({ proof, proverId: proverIdFromActorId(77n), sectorNumber, ticket, unsealed, engine: tsEngine }))
      // labels: every node recomputed with labelNode over the graph's own parents
      const g = new StackedBucketGraph(64, porepId(proof), proof.apiVersion)
      for (let layer = 1; layer <= 2; layer++) {
        const cur = out.layers[layer - 1]!
        for (let v = 0; v < 64; v++) {
          const ps = Array.from(g.parents(v))
          const parents = layer === 1 ? ps.slice(0, 6).map((p) => cur.subarray(32 * p, 32 * p + 32))
            : ps.map((p, k) => (k < 6 ? cur : out.layers[0]!).subarray(32 * p, 32 * p + 32))
          expect(hex(labelNode(out.replicaId, layer, v, parents))).toBe(hex(cur.subarray(32 * v, 32 * v + 32)))
        }
      }
      // replica = data + last layer in Fr (bigint reference)
      const expectedReplica = nodesOf(unsealed).map((d, i) =>
        frToRepr(frAdd(Result.getOrThrow(frFromRepr(d)), Result.getOrThrow(frFromRepr(out.layers[1]!.subarray(32 * i, 32 * i + 32))))))
      expect(hex(out.replica)).toBe(hex(Buffer.concat(expectedReplica)))
      // roots by the array-based references
      expect(hex(out.commRLast)).toBe(hex(Result.getOrThrow(poseidonTreeRoot(8, nodesOf(out.replica)))))
      expect(hex(out.commC)).toBe(hex(Result.getOrThrow(poseidonTreeRoot(8, Result.getOrThrow(treeCLeaves([...out.layers]))))))
      const commR = Result.getOrThrow(poseidonHash(2, [Result.getOrThrow(frFromRepr(out.commC)), Result.getOrThrow(frFromRepr(out.commRLast))]))
      expect(hex(out.commR)).toBe(hex(frToRepr(commR)))
      // tree_d: merkle.ts's tree over the unsealed nodes, level by level
      expect(out.treeD.levels.map(hex)).toEqual(Result.getOrThrow(merkleTree(unsealed, 6)).levels.map(hex))
      expect(hex(out.treeD.levels[6]!)).toBe(hex(out.commD))
      // unsealing gives back the exact bytes; nothing given was modified
      expect(hex(Result.getOrThrow(unseal({ proof, replicaId: out.replicaId, replica: out.replica, engine: tsEngine })))).toBe(before)
      expect(hex(unsealed)).toBe(before)
    })

  it("the zero sector's CommD is the zero commitment of height 6 (zerocomm.ts)", () => {
    const out = Result.getOrThrow(seal({ proof: V1, proverId: proverIdFromActorId(1n), sectorNumber: 0n, ticket: new Uint8Array(32), unsealed: new Uint8Array(2048) }))
    expect(hex(out.commD)).toBe(hex(_zeroNodes[6]!))
  })

  it("reports every stage in order, ending each with done = total", () => {
    const seen: Array<[SealStage, number, number]> = []
    Result.getOrThrow(seal({ proof: V1_1, proverId: new Uint8Array(32), sectorNumber: 3n, ticket: new Uint8Array(32), unsealed: new Uint8Array(2048), engine: tsEngine, onProgress: (s, d, t) => seen.push([s, d, t]) }))
    const order = seen.map((e) => e[0]).filter((s, i, a) => i === 0 || a[i - 1] !== s)
    expect(order).toEqual([...SEAL_STAGES])
    for (const stage of SEAL_STAGES) {
      const last = seen.filter((e) => e[0] === stage).at(-1)!
      expect(last[1]).toBe(last[2])
    }
  })
})

describe("seal / unseal: bad input is a typed error and changes nothing", () => {
  const good = { proof: V1_1, proverId: new Uint8Array(32), sectorNumber: 1n, ticket: new Uint8Array(32), unsealed: new Uint8Array(2048), engine: tsEngine }
  const cases: ReadonlyArray<[string, Partial<typeof good>, string, string | undefined]> = [
    ["unsealed too short", { unsealed: new Uint8Array(2016) }, "InvalidSealInputLength", "unsealed"],
    ["unsealed of another size", { unsealed: new Uint8Array(4096) }, "InvalidSealInputLength", "unsealed"],
    ["ticket of 31 bytes", { ticket: new Uint8Array(31) }, "InvalidSealInputLength", "ticket"],
    ["prover id of 33 bytes", { proverId: new Uint8Array(33) }, "InvalidSealInputLength", "proverId"],
    ["negative sector number", { sectorNumber: -1n }, "InvalidSectorNumber", undefined],
    ["sector number 2^63", { sectorNumber: 1n << 63n }, "InvalidSectorNumber", undefined],
    ["a data node ≥ r", { unsealed: (() => { const u = new Uint8Array(2048); u.fill(0xff, 64, 96); return u })() }, "NodeNotInField", undefined],
    ["a 32 GiB proof", { proof: sealProofFor("32GiB", "V1_1_0") }, "UnsupportedSealProof", undefined]
  ]
  for (const [name, patch, tag, field] of cases) {
    it(name, () => {
      const input = { ...good, ...patch }
      const snapshot = [hex(input.unsealed), hex(input.ticket), hex(input.proverId)]
      const r = seal(input)
      expect(Result.isFailure(r) && r.failure._tag).toBe(tag)
      if (field !== undefined) expect(Result.isFailure(r) && "field" in r.failure && r.failure.field).toBe(field)
      expect([hex(input.unsealed), hex(input.ticket), hex(input.proverId)]).toEqual(snapshot)
    })
  }

  it("unseal: wrong replica length, replica id length, non-canonical replica node", () => {
    const replica = new Uint8Array(2048)
    const r1 = unseal({ proof: V1_1, replicaId: new Uint8Array(32), replica: new Uint8Array(1024) })
    expect(Result.isFailure(r1) && r1.failure._tag).toBe("InvalidSealInputLength")
    const r2 = unseal({ proof: V1_1, replicaId: new Uint8Array(31), replica })
    expect(Result.isFailure(r2) && r2.failure._tag).toBe("InvalidSealInputLength")
    const bad = new Uint8Array(2048); bad.fill(0xff, 0, 32)
    const r3 = unseal({ proof: V1_1, replicaId: new Uint8Array(32), replica: bad })
    expect(Result.isFailure(r3) && r3.failure._tag === "NodeNotInField" && r3.failure.node).toBe(0)
    expect(bad[0]).toBe(0xff)
  })
})
