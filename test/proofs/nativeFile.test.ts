/**
 * `nativeCommPOfFd` and the binding's `fr32FileSubtreeRootAsync` (`src/proofs/nativeFile.ts`,
 * `src/proofs/native/file.cc`): CommP of a file read and hashed on the libuv pool, against
 * `@web3-storage/data-segment` (`Piece.fromPayload`, an independent pure-JS implementation) on
 * small files and against `CommP` with the TypeScript hasher (itself checked against that oracle
 * and published known answers in `oracle.test.ts` / `commp.test.ts`) at sizes around the job
 * size; and the errors: a failed read, a file that changed size, bad arguments.
 *
 * @module
 */
import { Piece } from "@web3-storage/data-segment"
import * as Result from "effect/Result"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { open } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { CommP } from "../../src/proofs/commp.js"
import { tsHasher } from "../../src/proofs/hasher.js"
import { NativeInvalidArgument, NativeInvalidLength, NativeNotPowerOfTwo, NativeReadFailed, loadNative } from "../../src/proofs/native/index.js"
import { FileSizeChanged, NATIVE_JOB_BYTES, commPOfFileNativeFirst, nativeCommPOfFd } from "../../src/proofs/nativeFile.js"
import { hex, pseudoRandomBytes } from "./_helpers.js"

const native = loadNative()
const dir = mkdtempSync(join(tmpdir(), "filflow-native-file-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let files = 0
const fileOf = (payload: Uint8Array): string => {
  const path = join(dir, `payload-${files++}.bin`)
  writeFileSync(path, payload)
  return path
}

const commPOfPath = async (path: string, size: number, threads: number) => {
  const file = await open(path, "r")
  try {
    return await nativeCommPOfFd(native!, file.fd, size, { threads })
  } finally {
    await file.close()
  }
}

describe.skipIf(native === undefined)("nativeCommPOfFd: CommP of a file read and hashed on the pool", () => {
  it("small files (< one job, < one 127 KiB read chunk and around it) equal data-segment's Piece.fromPayload", async () => {
    for (const n of [0, 1, 127, 128, 1016, 1017, 127 * 1024 - 1, 127 * 1024, 127 * 1024 + 1, 127 * 4096 + 3]) {
      const payload = pseudoRandomBytes(n, n ^ 0xf11e)
      const got = await commPOfPath(fileOf(payload), n, 2)
      const theirs = Piece.fromPayload(payload)
      expect(hex(got.commP), `${n} bytes`).toBe(hex(theirs.root))
      expect([got.size, got.height, got.padding, got.payloadSize], `${n} bytes`).toStrictEqual([theirs.size, theirs.height, theirs.padding, BigInt(n)])
    }
  })

  const J = NATIVE_JOB_BYTES
  for (const threads of [1, 2, 3]) {
    it(`sizes around the ${J}-byte job (multiples and not), ${threads} thread${threads > 1 ? "s" : ""}, equal CommP with the TypeScript hasher`, async () => {
      for (const n of [J - 1, J, J + 1, 2 * J, 3 * J + 5, 5 * J + 127 * 1000]) {
        const payload = pseudoRandomBytes(n, n ^ 0x55)
        const got = await commPOfPath(fileOf(payload), n, threads)
        const want = CommP(payload, tsHasher)
        expect(hex(got.commP), `${n} bytes`).toBe(hex(want.commP))
        expect([got.size, got.height, got.payloadSize, got.padding]).toStrictEqual([want.size, want.height, want.payloadSize, want.padding])
      }
    })
  }

  it("reports progress ending at the file size", async () => {
    const n = 2 * J + 999
    const path = fileOf(pseudoRandomBytes(n, 7))
    const file = await open(path, "r")
    const seen: Array<number> = []
    try {
      await nativeCommPOfFd(native!, file.fd, n, { threads: 2, onProgress: (k) => seen.push(k) })
    } finally {
      await file.close()
    }
    // one report per job: J, 2J, then the 999 bytes of the last job
    expect(seen).toStrictEqual([J, 2 * J, n])
  })

  it("a file that is not the size it was given fails with FileSizeChanged (shorter and longer)", async () => {
    const n = J + 500
    const path = fileOf(pseudoRandomBytes(n, 9))
    await expect(commPOfPath(path, n + 1, 2)).rejects.toStrictEqual(new FileSizeChanged({ expected: n + 1, bytesRead: n }))
    await expect(commPOfPath(path, n - 1, 2)).rejects.toStrictEqual(new FileSizeChanged({ expected: n - 1, bytesRead: n }))
    await expect(commPOfPath(path, 100, 2)).rejects.toBeInstanceOf(FileSizeChanged)
  })

  it("a failed read rejects with NativeReadFailed and its errno (EISDIR on a directory)", async () => {
    const handle = await open(dir, "r")
    try {
      const caught = await native!.fr32FileSubtreeRootAsync(handle.fd, 0, 127).catch((e: unknown) => e)
      expect(caught).toBeInstanceOf(NativeReadFailed)
      expect((caught as NativeReadFailed).errno).toBe(21) // EISDIR, Linux asm-generic/errno-base.h
      expect((caught as NativeReadFailed).code).toBe("EISDIR")
      expect((caught as NativeReadFailed).message).toMatch(/^EISDIR: pread of fd \d+ at offset 0: /)
      expect((caught as NativeReadFailed).fn).toBe("fr32FileSubtreeRootAsync")
      await expect(nativeCommPOfFd(native!, handle.fd, 2 * J, { threads: 2 })).rejects.toBeInstanceOf(NativeReadFailed)
    } finally {
      await handle.close()
    }
  })

  it("rejects bad arguments with typed errors before reading", async () => {
    const f = native!.fr32FileSubtreeRootAsync
    await expect(f(-1, 0, 127)).rejects.toBeInstanceOf(NativeInvalidArgument)
    await expect(f(0, -1, 127)).rejects.toBeInstanceOf(NativeInvalidArgument)
    await expect(f(0, 0.5, 127)).rejects.toBeInstanceOf(NativeInvalidArgument)
    await expect(f(0, 0, 0)).rejects.toBeInstanceOf(NativeInvalidArgument)
    await expect(f(0, 0, 128)).rejects.toBeInstanceOf(NativeInvalidLength)
    await expect(f(0, 0, 127 * 3)).rejects.toBeInstanceOf(NativeNotPowerOfTwo)
    await expect(nativeCommPOfFd(native!, 0, 10, { threads: 0 })).rejects.toThrow(RangeError)
  })

  it("commPOfFileNativeFirst uses it and reports the native engine", async () => {
    const n = J + 12_345
    const payload = pseudoRandomBytes(n, 11)
    const { result, engine } = Result.getOrThrow(await commPOfFileNativeFirst(fileOf(payload)))
    expect(engine.kind).toBe("native")
    expect(hex(result.commP)).toBe(hex(CommP(payload, tsHasher).commP))
  })
})
