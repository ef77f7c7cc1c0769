/**
 * Native subtree roots (`subtreeRoot`, `fr32Pad`, `fr32SubtreeRoot`) against the independent
 * references of `./_reference.ts`, for every size 2^k with k = 0 … 12 (the C++ chunk is 2^12
 * leaves, so the larger sizes cross chunks), plus known answers from
 * filecoin-project/go-commp-utils zerocomm/zerocomm.go @ v2.1.0 and
 * filecoin-project/FIPs FRCs/frc-0069.md @ dd5075fe097672b2af4e72d16507efdc7f03f1c7.
 */
import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { bytesFrom, fr32PadRef, fr32RootRef, hex, merkleRootRef, native, skipReason } from "./_reference.js"

const KS = Array.from({ length: 13 }, (_, k) => k)

/** The three payload kinds of every size: all zero, all 0xff, pseudo-random. */
const kinds = (n: number, seed: number): Array<[string, Uint8Array]> => [
  ["zero", new Uint8Array(n)],
  ["0xff", new Uint8Array(n).fill(0xff)],
  ["random", bytesFrom(n, seed)]
]

describe.skipIf(native === undefined)(`native known answers${skipReason}`, () => {
  // filecoin-project/go-commp-utils zerocomm/zerocomm.go @ v2.1.0: CommP of an all-zero piece of padded size
  // 32 · 2^k = the zero payload of 127 · 2^(k-2) bytes
  it.each([
    [128, "3731bb99ac689f66eef5973e4a94da188f4ddcae580724fc6f3fd60dfd488333"],
    [256, "642a607ef886b004bf2c1978463ae1d4693ac0f410eb2d1b7a47fe205e5e750f"],
    [2048, "fc7e928296e516faade986b28f92d44a4f24b935485223376a799027bc18f833"],
    [8 << 20, "65f29e5d98d246c38b388cfc06db1f6b021303c5a289000bdce832a9c3ec421c"]
  ])("zero piece of %i padded bytes", (padded, commP) => {
    const payload = new Uint8Array((padded / 128) * 127)
    expect(hex(native!.fr32SubtreeRoot(payload))).toBe(commP)
    expect(hex(native!.subtreeRoot(new Uint8Array(padded)))).toBe(commP)
  })

  // FRC-0069 test case (filecoin-project/FIPs FRCs/frc-0069.md @ dd5075fe097672b2af4e72d16507efdc7f03f1c7):
  // 127×0x00 ‖ 127×0x01 ‖ 127×0x02 ‖ 127×0x03 → 496dae0c…d605
  it("FRC-0069 vector: 508 bytes of 0x00/0x01/0x02/0x03 runs", () => {
    const payload = new Uint8Array(508)
    for (let i = 0; i < 4; i++) payload.fill(i, 127 * i, 127 * (i + 1))
    expect(hex(native!.fr32SubtreeRoot(payload))).toBe("496dae0cc9e265efe5a006e80626a5dc5c409e5d3155c13984caf6c8d5cfd605")
  })
})

describe.skipIf(native === undefined)(`native fr32Pad${skipReason}`, () => {
  test.prop([fc.integer({ min: 0, max: 9 }).chain((b) => fc.uint8Array({ minLength: 127 * b, maxLength: 127 * b }))], { seed: 9001, numRuns: 100 })(
    "equals Fr32 bit by bit",
    (payload) => {
      const out = new Uint8Array((payload.length / 127) * 128)
      native!.fr32Pad(payload, out)
      expect(hex(out)).toBe(hex(fr32PadRef(payload)))
    }
  )

  // each single set bit lands where the spec says: bit 254·i + b of a block → bit 256·i + b
  it("moves every single bit of a block to its place", () => {
    const out = new Uint8Array(128)
    for (let j = 0; j < 1016; j++) {
      const payload = new Uint8Array(127)
      payload[j >> 3] = 1 << (j & 7)
      native!.fr32Pad(payload, out)
      const o = 256 * Math.floor(j / 254) + (j % 254)
      const expected = new Uint8Array(128)
      expected[o >> 3] = 1 << (o & 7)
      expect(hex(out), `bit ${j}`).toBe(hex(expected))
    }
  })
})

describe.skipIf(native === undefined)(`native subtreeRoot${skipReason}`, () => {
  it.each([...KS, 13, 14])("2^%i leaves: zero, 0xff and random equal the level-by-level reference", (k) => {
    for (const [kind, leaves] of kinds(32 * 2 ** k, 1000 + k)) {
      expect(hex(native!.subtreeRoot(leaves)), kind).toBe(hex(merkleRootRef(leaves)))
    }
  })

  test.prop([fc.integer({ min: 0, max: 7 }).chain((k) => fc.uint8Array({ minLength: 32 * 2 ** k, maxLength: 32 * 2 ** k }))], { seed: 9002, numRuns: 50 })(
    "random leaves",
    (leaves) => {
      expect(hex(native!.subtreeRoot(leaves))).toBe(hex(merkleRootRef(leaves)))
    }
  )
})

describe.skipIf(native === undefined)(`native fr32SubtreeRoot${skipReason}`, () => {
  it.each(KS)("127 · 2^%i bytes: zero, 0xff and random equal Fr32 + Merkle written out", (k) => {
    for (const [kind, payload] of kinds(127 * 2 ** k, 2000 + k)) {
      expect(hex(native!.fr32SubtreeRoot(payload)), kind).toBe(hex(fr32RootRef(payload)))
    }
  })

  test.prop([fc.integer({ min: 0, max: 5 }).chain((k) => fc.uint8Array({ minLength: 127 * 2 ** k, maxLength: 127 * 2 ** k }))], { seed: 9003, numRuns: 50 })(
    "random payloads",
    (payload) => {
      expect(hex(native!.fr32SubtreeRoot(payload))).toBe(hex(fr32RootRef(payload)))
    }
  )

  it("equals subtreeRoot over its own fr32Pad output (2^14 blocks)", () => {
    const payload = bytesFrom(127 * 2 ** 14, 17)
    const padded = new Uint8Array(128 * 2 ** 14)
    native!.fr32Pad(payload, padded)
    expect(hex(native!.fr32SubtreeRoot(payload))).toBe(hex(native!.subtreeRoot(padded)))
  })

  it("agrees on every SHA path", () => {
    const payload = bytesFrom(127 * 2 ** 11, 23)
    const roots = native!.shaPaths().map((p) => {
      native!.setShaPath(p)
      return hex(native!.fr32SubtreeRoot(payload))
    })
    native!.setShaPath("auto")
    expect(roots).toEqual(roots.map(() => hex(fr32RootRef(payload))))
  })
})
