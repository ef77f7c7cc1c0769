/**
 * SDR parameters against filecoin-project/rust-fil-proofs filecoin-proofs/src/constants.rs and
 * parameters.rs @ filecoin-proofs-v19.1.0 (values read from those files: LAYERS, POREP_PARTITIONS,
 * get_porep_interactive_minimum_challenges, the SectorShape* aliases; select_challenges divides
 * rounding up).
 */
import { describe, expect, it } from "vitest"
import { sdrParams } from "../../../src/proofs/sdr/params.js"
import { SEAL_PROOFS, sealProofFor } from "../../../src/proofs/sdr/porepId.js"

describe("sdrParams (constants.rs @ filecoin-proofs-v19.1.0)", () => {
  it("2 KiB, 8 MiB, 512 MiB: 2 layers, one 8-ary tree, 1 partition, 2 challenges, for V1 and V1_1", () => {
    const nodes = { "2KiB": 64, "8MiB": 1 << 18, "512MiB": 1 << 24 } as const
    for (const size of ["2KiB", "8MiB", "512MiB"] as const) {
      for (const v of ["V1_0_0", "V1_1_0"] as const) {
        const p = sdrParams(sealProofFor(size, v))
        expect(p).toMatchObject({
          nodes: nodes[size], layers: 2, baseDegree: 6, expansionDegree: 8, treeArity: 8, subTreeArity: 0,
          topTreeArity: 0, baseTreeCount: 1, baseTreeNodes: nodes[size], partitions: 1, minimumChallenges: 2,
          challengesPerPartition: 2
        })
      }
    }
  })

  it("32 GiB and 64 GiB: 11 layers, 10 partitions, 18 challenges per partition (⌈176 / 10⌉), 8/8/0 and 8/8/2 trees", () => {
    const p32 = sdrParams(sealProofFor("32GiB", "V1_1_0"))
    expect(p32).toMatchObject({ layers: 11, partitions: 10, challengesPerPartition: 18, subTreeArity: 8, topTreeArity: 0, baseTreeCount: 8 })
    const p64 = sdrParams(sealProofFor("64GiB", "V1_1_0"))
    expect(p64).toMatchObject({ layers: 11, partitions: 10, challengesPerPartition: 18, subTreeArity: 8, topTreeArity: 2, baseTreeCount: 16 })
    expect(p64.baseTreeNodes * p64.baseTreeCount).toBe(p64.nodes)
  })

  it("every registered proof has parameters; an unregistered size is refused", () => {
    for (const p of SEAL_PROOFS) expect(sdrParams(p).nodes * 32).toBe(p.sectorSize)
    expect(() => sdrParams({ name: "x", id: 99, sectorSize: 4096, apiVersion: "V1_1_0" })).toThrow(RangeError)
  })
})
