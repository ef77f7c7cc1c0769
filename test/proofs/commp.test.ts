import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { CommP } from "../../src/proofs/commp.js"
import { fr32Pad } from "../../src/proofs/fr32.js"
import { hashNode } from "../../src/proofs/node.js"
import { pieceSizeOfPayload, toUnpadded } from "../../src/proofs/piece.js"
import { pieceCidV2, pieceCommitmentV1ToCID } from "../../src/proofs/piececid.js"
import { frc69Payload, hex } from "./_helpers.js"
import { FRC69_CASES, FRC69_COMMP_508, PUBLISHED_ZERO_COMMS } from "./_knownAnswers.js"

const payloadOf = (kind: (typeof FRC69_CASES)[number]["payload"], length: number): Uint8Array =>
  kind === "zeros" ? new Uint8Array(length) : frc69Payload(length - 508)

/** CommP by the definition, naively: zero-fill to the piece's unpadded size, Fr32, hash level by level. */
const naiveCommP = (payload: Uint8Array): Uint8Array => {
  const size = Number(Result.getOrThrow(pieceSizeOfPayload(payload.length)))
  const filled = new Uint8Array(Number(toUnpadded(Result.getOrThrow(pieceSizeOfPayload(payload.length)))))
  filled.set(payload)
  let level: Uint8Array[] = []
  const padded = Result.getOrThrow(fr32Pad(filled))
  for (let i = 0; i < size / 32; i++) level.push(padded.subarray(32 * i, 32 * i + 32))
  while (level.length > 1) level = Array.from({ length: level.length / 2 }, (_, i) => hashNode(level[2 * i]!, level[2 * i + 1]!))
  return level[0]!
}

describe("CommP — known answers", () => {
  it(`FRC-0069 test case: 508 bytes → ${FRC69_COMMP_508.slice(0, 12)}…, 512-byte piece, height 4, no padding`, () => {
    const r = CommP(frc69Payload())
    expect(hex(r.commP)).toBe(FRC69_COMMP_508)
    expect(r).toMatchObject({ size: 512n, height: 4, payloadSize: 508n, padding: 0n })
  })

  for (const c of FRC69_CASES) {
    it(`FRC-0069: ${c.name}`, () => {
      const r = CommP(payloadOf(c.payload, c.length))
      if (c.v1 !== undefined) expect(Result.getOrThrow(pieceCommitmentV1ToCID(r.commP)).toString()).toBe(c.v1)
      expect(Result.getOrThrow(pieceCidV2(r.commP, r.payloadSize)).toString()).toBe(c.v2)
      if (c.padding !== undefined) expect(r.padding).toBe(c.padding)
      if (c.height !== undefined) expect(r.height).toBe(c.height)
    })
  }

  // filecoin-project/go-commp-utils zerocomm/zerocomm.go @ v2.1.0 PieceComms
  it("all-zero payloads have the published zero-piece commitments (128 B … 8 MiB)", () => {
    for (const [name, size, commP] of PUBLISHED_ZERO_COMMS.filter(([, s]) => s <= 8n << 20n)) {
      // the payload is the piece's unpadded size in zeros: size − size/128 bytes
      expect(hex(CommP(new Uint8Array(Number(size - size / 128n))).commP), name).toBe(commP)
    }
  })
})

describe("CommP — against the naive definition", () => {
  it("sliding window: every length 0 … 1100 (patterned content)", () => {
    for (let n = 0; n <= 1100; n++) {
      const payload = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n) & 0xff)
      expect(hex(CommP(payload).commP), `length ${n}`).toBe(hex(naiveCommP(payload)))
    }
  })

  test.prop([fc.uint8Array({ maxLength: 20000 })], { seed: 5001, numRuns: 60 })("random payloads", (payload) => {
    const r = CommP(payload)
    expect(hex(r.commP)).toBe(hex(naiveCommP(payload)))
    expect(r.payloadSize + r.padding).toBe(toUnpadded(r.size))
  })
})
