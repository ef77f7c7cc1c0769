/**
 * Packing a file into a sector (src/cli/_pack.ts), as `filflow seal` does.
 *
 * Independent expectations:
 * - CommD from the layout (src/proofs/commd.ts: the piece's CommP folded with zero-piece
 *   commitments) equals the SHA256-trunc254 tree root over every byte of the unsealed sector
 *   (src/proofs/merkle.ts, a different computation: the bytes themselves, no zero-commitment table).
 * - The piece CID equals `@web3-storage/data-segment` 5.3.0's for the same payload (another
 *   implementation; test-only).
 * - Capacity: a 2 KiB sector holds 2048 − 2048/128 = 2032 payload bytes (go-state-types
 *   abi/piece.go @ v0.18.0 `Unpadded()`, by hand); 8 MiB: 8388608 − 65536 = 8323072.
 * - FRC-0069's 508-byte test payload is a 512-byte piece with CID
 *   baga6ea4seaqes3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi
 *   (filecoin-project/FIPs FRCs/frc-0069.md @ dd5075fe097672b2af4e72d16507efdc7f03f1c7).
 */
import { Piece } from "@web3-storage/data-segment"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { packSector, unpackSector } from "../../src/cli/_pack.js"
import { sectorCapacity } from "../../src/cli/_sectorInput.js"
import { merkleRoot } from "../../src/proofs/merkle.js"
import { pseudoRandomBytes } from "../proofs/_helpers.js"

const LENGTHS = [0, 1, 126, 127, 128, 253, 254, 255, 508, 509, 1016, 1017, 2031, 2032]

describe("packSector", () => {
  it("CommD from the layout equals the tree root over all the sector's bytes, for lengths across block and piece boundaries", () => {
    for (const n of LENGTHS) {
      const p = Result.getOrThrow(packSector(pseudoRandomBytes(n, n + 1), "2KiB", "f"))
      expect(p.unsealed.length, `${n}`).toBe(2048)
      // height 6: 2048 bytes = 64 leaves of 32 bytes
      expect(p.commD, `${n}`).toStrictEqual(Result.getOrThrow(merkleRoot(p.unsealed, 6)))
      expect(p.unsealedCid.toString()).toMatch(/^baga6ea4seaq/)
    }
  })

  it("the piece CID and size are @web3-storage/data-segment's", () => {
    for (const n of LENGTHS) {
      const payload = pseudoRandomBytes(n, 7 * n + 3)
      const theirs = Piece.fromPayload(payload)
      const p = Result.getOrThrow(packSector(payload, "2KiB", "f"))
      expect(p.pieceCid.toString(), `${n}`).toBe(theirs.toInfo().link.toString())
      expect(p.pieceSize, `${n}`).toBe(BigInt(theirs.size))
      expect(p.payloadSize).toBe(n)
    }
  })

  it("FRC-0069's test payload: a 512-byte piece with the FRC's CID; zeros after the piece", () => {
    const payload = new Uint8Array(508)
    for (let i = 0; i < 4; i++) payload.fill(i, 127 * i, 127 * (i + 1))
    const p = Result.getOrThrow(packSector(payload, "2KiB", "f"))
    expect(p.pieceCid.toString()).toBe("baga6ea4seaqes3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi")
    expect(p.pieceSize).toBe(512n)
    expect(p.unsealed.subarray(512).every((b) => b === 0)).toBe(true)
  })

  it("the capacity is derived: 2032 bytes fit a 2 KiB sector, 2033 do not; 8 MiB holds 8323072", () => {
    expect(sectorCapacity("2KiB")).toStrictEqual({ sectorSize: 2048, capacity: 2032 })
    expect(sectorCapacity("8MiB")).toStrictEqual({ sectorSize: 8 << 20, capacity: 8323072 })
    expect(Result.isSuccess(packSector(new Uint8Array(2032), "2KiB", "f"))).toBe(true)
    const r = packSector(new Uint8Array(2033), "2KiB", "big.bin")
    expect(Result.isFailure(r) && r.failure).toMatchObject({ _tag: "FileTooLarge", path: "big.bin", size: 2033, capacity: 2032, sectorSize: "2KiB" })
  })
})

describe("unpackSector", () => {
  it("gives the file back for every length across block boundaries", () => {
    for (const n of LENGTHS) {
      const payload = pseudoRandomBytes(n, n + 11)
      const p = Result.getOrThrow(packSector(payload, "2KiB", "f"))
      expect(unpackSector(p.unsealed, p.pieceSize, n), `${n}`).toStrictEqual(payload)
    }
  })

  it("refuses bytes that are not an Fr32 encoding (a node's top bit set) or too short", () => {
    const p = Result.getOrThrow(packSector(new Uint8Array(100), "2KiB", "f"))
    const bad = p.unsealed.slice()
    bad[31] = 0xff
    expect(unpackSector(bad, p.pieceSize, 100)).toBeUndefined()
    expect(unpackSector(p.unsealed.subarray(0, 64), p.pieceSize, 100)).toBeUndefined()
  })
})
