import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { hashNode } from "../../src/proofs/node.js"
import { paddedPieceSize } from "../../src/proofs/piece.js"
import { MAX_ZERO_LEVEL, zeroNode, zeroPieceCommitment } from "../../src/proofs/zerocomm.js"
import { hex } from "./_helpers.js"
import { PUBLISHED_ZERO_COMMS } from "./_knownAnswers.js"


// filecoin-project/go-commp-utils zerocomm/zerocomm.go @ v2.1.0 PieceComms
describe("zero-piece commitments, computed level by level", () => {
  for (const [name, size, commP] of PUBLISHED_ZERO_COMMS) {
    it(`${name}: ${commP.slice(0, 12)}…`, () => {
      expect(hex(zeroPieceCommitment(Result.getOrThrow(paddedPieceSize(size))))).toBe(commP)
    })
  }

  it("level 0 is the zero leaf; level k = H(level k − 1, level k − 1) up to 58", () => {
    expect(hex(zeroNode(0))).toBe("00".repeat(32))
    for (let k = 1; k <= MAX_ZERO_LEVEL; k++) expect(hex(zeroNode(k))).toBe(hex(hashNode(zeroNode(k - 1), zeroNode(k - 1))))
  })

  it("returns copies, and rejects levels outside 0 … 58", () => {
    zeroNode(3).fill(1)
    expect(hex(zeroNode(3))).not.toContain("01")
    expect(() => zeroNode(59)).toThrow(RangeError)
    expect(() => zeroNode(1.5)).toThrow(RangeError)
  })
})
