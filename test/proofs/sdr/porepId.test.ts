/**
 * porep_id and API version per registered seal proof.  Expected bytes are derived by hand from
 * filecoin-project/rust-filecoin-proofs-api src/registry.rs @ v19.0.0 (`REGISTERED_PROOF_IDS`:
 * 2KiBV1 0, 8MiBV1 1, 512MiBV1 2, 32GiBV1 3, 64GiBV1 4, V1_1 5–9 in the same order; `porep_id`:
 * id u64 LE ‖ nonce 0 u64 LE ‖ 16 zero bytes; `version`: V1 → 1.0.0, V1_1 → 1.1.0).  That these
 * porep_ids produce Filecoin's graphs is checked in parentCache.test.ts against parent_cache.json.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { porepId, SEAL_PROOFS, sealProof, sealProofFor } from "../../../src/proofs/sdr/porepId.js"
import { hex } from "../_helpers.js"

const pid = (id: number): string => id.toString(16).padStart(2, "0") + "00".repeat(31)

describe("porep_id (rust-filecoin-proofs-api registry.rs @ v19.0.0)", () => {
  it("each V1 / V1_1 proof: id, size, version, porep_id bytes", () => {
    const expected: Array<[string, number, number, string]> = [
      ["StackedDrg2KiBV1", 0, 2048, "V1_0_0"], ["StackedDrg8MiBV1", 1, 8388608, "V1_0_0"],
      ["StackedDrg512MiBV1", 2, 536870912, "V1_0_0"], ["StackedDrg32GiBV1", 3, 34359738368, "V1_0_0"],
      ["StackedDrg64GiBV1", 4, 68719476736, "V1_0_0"], ["StackedDrg2KiBV1_1", 5, 2048, "V1_1_0"],
      ["StackedDrg8MiBV1_1", 6, 8388608, "V1_1_0"], ["StackedDrg512MiBV1_1", 7, 536870912, "V1_1_0"],
      ["StackedDrg32GiBV1_1", 8, 34359738368, "V1_1_0"], ["StackedDrg64GiBV1_1", 9, 68719476736, "V1_1_0"]
    ]
    expect(SEAL_PROOFS.map((p) => [p.name, p.id, p.sectorSize, p.apiVersion])).toEqual(expected)
    for (const p of SEAL_PROOFS) expect(hex(porepId(p))).toBe(pid(p.id))
  })

  it("sealProofFor picks by size and version; sealProof by id", () => {
    expect(sealProofFor("8MiB", "V1_1_0").id).toBe(6)
    expect(sealProofFor("512MiB", "V1_0_0").id).toBe(2)
    expect(Result.getOrThrow(sealProof(7)).name).toBe("StackedDrg512MiBV1_1")
  })

  it("an id outside 0–9 is a typed error", () => {
    for (const id of [-1, 10, 2.5]) {
      const r = sealProof(id)
      expect(Result.isFailure(r) && r.failure._tag).toBe("UnknownSealProof")
    }
  })
})
