/**
 * `src/proofs/nativeStream.ts`: the native streaming CommP against `CommP` with the TypeScript
 * hasher (itself checked against published known answers and `@web3-storage/data-segment` in
 * `commp.test.ts` and `oracle.test.ts`), at sizes around the native buffer and with odd chunks.
 *
 * @module
 */
import { describe, expect, it } from "vitest"
import { CommP } from "../../src/proofs/commp.js"
import { tsHasher } from "../../src/proofs/hasher.js"
import { loadNative } from "../../src/proofs/native/index.js"
import { NATIVE_JOB_BYTES } from "../../src/proofs/nativeFile.js"
import { NativeCommPCalc } from "../../src/proofs/nativeStream.js"
import { hex, pseudoRandomBytes } from "./_helpers.js"

const native = loadNative()

describe.skipIf(native === undefined)("NativeCommPCalc (native fold) equals CommP with the TypeScript hasher", () => {
  const J = NATIVE_JOB_BYTES
  const sizes = [0, 1, 127, 128, 508, J - 1, J, J + 1, 2 * J, 3 * J + 5, 4 * J, 5 * J + 127 * 1000]
  for (const threads of [1, 2, 3]) {
    it(`sizes around the ${J}-byte buffer, ${threads} thread${threads > 1 ? "s" : ""}, odd chunks`, async () => {
      for (const n of sizes) {
        const payload = pseudoRandomBytes(n, n ^ 0x55)
        const calc = new NativeCommPCalc(native!, threads)
        for (let at = 0, step = 777_777; at < n; at += step, step = (step * 7) % 1_300_001 + 1) await calc.write(payload.subarray(at, at + step))
        const got = await calc.digest()
        const want = CommP(payload, tsHasher)
        expect(hex(got.commP), `${n} bytes`).toBe(hex(want.commP))
        expect([got.size, got.height, got.payloadSize, got.padding]).toStrictEqual([want.size, want.height, want.payloadSize, want.padding])
      }
    })
  }

  it("rejects a bad thread count and a second digest", async () => {
    expect(() => new NativeCommPCalc(native!, 0)).toThrow(RangeError)
    const calc = new NativeCommPCalc(native!)
    await calc.digest()
    await expect(calc.digest()).rejects.toThrow(/twice/)
  })
})

