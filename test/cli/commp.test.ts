/**
 * `filflow commp`: the command's function on temp files (and the built binary once, when
 * `dist/` holds it), with `@web3-storage/data-segment` 5.3.0 as the independent oracle for a
 * random file (test-only). The native streaming fold itself: `test/proofs/nativeStream.test.ts`.
 *
 * Known answer:
 * FRC-0069 test case (filecoin-project/FIPs FRCs/frc-0069.md @ dd5075fe097672b2af4e72d16507efdc7f03f1c7):
 * 127 × 0x00 ‖ 127 × 0x01 ‖
 * 127 × 0x02 ‖ 127 × 0x03 (508 bytes) → v1 baga6ea4seaqes3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi,
 * v2 bafkzcibcaaces3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi, piece 512 bytes.
 *
 * @module
 */
import { Piece } from "@web3-storage/data-segment"
import { Result } from "effect"
import { execFile } from "node:child_process"
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type CommPIo, parseCommPArgs, progressLine, runCommP } from "../../src/cli/commp.js"
import { NATIVE_JOB_BYTES } from "../../src/proofs/nativeFile.js"
import { pseudoRandomBytes } from "../proofs/_helpers.js"

const FRC69_V1 = "baga6ea4seaqes3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi"
const FRC69_V2 = "bafkzcibcaaces3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi"
const frc69Payload = (): Uint8Array => {
  const p = new Uint8Array(508)
  for (let i = 0; i < 4; i++) p.fill(i, 127 * i, 127 * (i + 1))
  return p
}

/** Captured output of one run. */
interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

const run = async (args: ReadonlyArray<string>, io: Partial<CommPIo> = {}): Promise<Run> => {
  let stdout = ""
  let stderr = ""
  const code = await runCommP(args, {
    stdout: (s) => { stdout += s },
    stderr: (s) => { stderr += s },
    stderrIsTTY: false,
    ...io
  })
  return { code, stdout, stderr }
}

let dir = ""
const file = (name: string, bytes: Uint8Array): string => {
  const path = join(dir, name)
  writeFileSync(path, bytes)
  return path
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "filflow-commp-"))
})
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe("filflow commp <file> --json", () => {
  it("the FRC-0069 test case: exactly the four fields, nothing else on stdout or stderr", async () => {
    const r = await run([file("frc69.bin", frc69Payload()), "--json"])
    expect(r.code).toBe(0)
    expect(r.stderr).toBe("")
    expect(r.stdout.endsWith("\n")).toBe(true)
    expect(r.stdout.trimEnd().split("\n")).toHaveLength(1)
    expect(JSON.parse(r.stdout)).toStrictEqual({ pieceCid: FRC69_V1, pieceCidV2: FRC69_V2, payloadSize: 508, paddedPieceSize: 512 })
  })

  it("a random file across native buffer boundaries equals @web3-storage/data-segment's answer", async () => {
    const payload = pseudoRandomBytes(NATIVE_JOB_BYTES + 12345, 42)
    const theirs = Piece.fromPayload(payload)
    const r = await run(["--json", file("random.bin", payload)])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toStrictEqual({
      pieceCid: theirs.toInfo().link.toString(),
      pieceCidV2: theirs.toString(),
      payloadSize: payload.length,
      paddedPieceSize: Number(theirs.size)
    })
  })

  it("files under 127 bytes, the empty one included, get both CIDs (FRC-0069 pads to 127 bytes), as data-segment computes them", async () => {
    for (const n of [0, 1, 64, 126]) {
      const payload = pseudoRandomBytes(n, n + 7)
      const theirs = Piece.fromPayload(payload)
      const r = await run([file(`small-${n}.bin`, payload), "--json"])
      expect(r.code, `${n} bytes`).toBe(0)
      expect(JSON.parse(r.stdout), `${n} bytes`).toStrictEqual({
        pieceCid: theirs.toInfo().link.toString(), pieceCidV2: theirs.toString(), payloadSize: n, paddedPieceSize: 128
      })
    }
  })
})

describe("filflow commp <file> (human output)", () => {
  it("labels the CIDs and sizes; a payload under 127 bytes gets a note on other implementations", async () => {
    const r = await run([file("frc69-human.bin", frc69Payload())])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`piece CID v1       ${FRC69_V1}\n`)
    expect(r.stdout).toContain(`piece CID v2       ${FRC69_V2}\n`)
    expect(r.stdout).toContain("payload size       508 bytes\n")
    expect(r.stdout).toContain("padded piece size  512 bytes\n")
    expect(r.stdout).not.toContain("note:")
    const small = await run([file("tiny.bin", new Uint8Array(5))])
    expect(small.stdout).toContain("note: a payload under 127 bytes is zero-filled to 127")
  })

  it("a progress bar on a terminal for large files, cleared at the end; none with --json or off a terminal", async () => {
    const path = file("progress.bin", pseudoRandomBytes(3 << 20, 3))
    const tty = await run([path], { stderrIsTTY: true, progressMinBytes: 1, columns: 60 })
    expect(tty.code).toBe(0)
    expect(tty.stderr).toMatch(/^\r\[[#·]+\] +\d+%/)
    expect(tty.stderr).toContain("100%")
    expect(tty.stderr.endsWith("\r\x1b[2K")).toBe(true)
    expect((await run([path, "--json"], { stderrIsTTY: true, progressMinBytes: 1 })).stderr).toBe("")
    expect((await run([path], { stderrIsTTY: false, progressMinBytes: 1 })).stderr).toBe("")
    expect((await run([path], { stderrIsTTY: true })).stderr).toBe("") // under 64 MiB
  })

  it("progressLine fits the terminal and shows the fraction", () => {
    // By hand: the text "   50%  50 / 100 MiB  25 MiB/s" is 30 characters; the bar gets what the
    // 53 columns leave: 53 − 1 (the cursor's column) − 30 − 2 (the brackets) = 20 cells, half of
    // them "#" at 50%; 1 + 20 + 1 + 30 = 52 characters in all.
    const line = progressLine(50 * 2 ** 20, 100 * 2 ** 20, 53, 2)
    expect(line).toBe("[##########··········]   50%  50 / 100 MiB  25 MiB/s")
    expect(line.length).toBe(52)
    expect(progressLine(1, 2, 30, 0).length).toBeLessThanOrEqual(29)
  })
})

describe("filflow commp: errors", () => {
  it("a missing path: exit 1, the reason on stderr, nothing on stdout", async () => {
    const r = await run([join(dir, "missing.bin"), "--json"])
    expect(r).toStrictEqual({ code: 1, stdout: "", stderr: `filflow commp: ${join(dir, "missing.bin")}: no such file\n` })
    const below = await run([join(dir, "frc69.bin", "x")])
    expect(below.code).toBe(1)
    expect(below.stderr).toContain("no such file")
  })

  it("a directory: exit 1", async () => {
    const sub = join(dir, "a-dir")
    mkdirSync(sub)
    expect(await run([sub])).toStrictEqual({ code: 1, stdout: "", stderr: `filflow commp: ${sub}: a directory, not a file\n` })
  })

  it.skipIf(process.getuid?.() === 0)("an unreadable file (mode 000): exit 1 with the system's reason", async () => {
    const path = file("locked.bin", new Uint8Array(10))
    chmodSync(path, 0o000)
    const r = await run([path, "--json"])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe("")
    expect(r.stderr).toMatch(/^filflow commp: cannot read .*locked\.bin: EACCES/)
  })

  it.skipIf(process.platform !== "linux")("a regular file whose read fails (/proc/self/mem at offset 0, EIO even for root): exit 1", async () => {
    const r = await run(["/proc/self/mem"])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe("")
    expect(r.stderr).toMatch(/^filflow commp: cannot read \/proc\/self\/mem: EIO/)
  })

  it("usage errors: exit 2 with the usage on stderr", async () => {
    for (const args of [[], ["a", "b"], ["--frobnicate", "a"], ["--json"]]) {
      const r = await run(args)
      expect(r.code, args.join(" ")).toBe(2)
      expect(r.stdout).toBe("")
      expect(r.stderr).toContain("usage: filflow commp <file> [--json]")
    }
    expect((await run(["--help"])).code).toBe(0)
    expect(Result.getOrThrow(parseCommPArgs(["--", "--json"]))).toStrictEqual({ path: "--json", json: false })
  })
})

const BIN = join(import.meta.dirname, "..", "..", "dist", "src", "cli", "main.js")

describe("the built binary", () => {
  it.skipIf(!existsSync(join(import.meta.dirname, "..", "..", "dist", "src", "cli", "commp.js")))(
    "node dist/src/cli/main.js commp <file> --json (native and FILFLOW_NO_NATIVE=1) prints the FRC-0069 answer; a missing file exits 1",
    async () => {
      const path = file("frc69-bin.bin", frc69Payload())
      const want = { pieceCid: FRC69_V1, pieceCidV2: FRC69_V2, payloadSize: 508, paddedPieceSize: 512 }
      for (const env of [{}, { FILFLOW_NO_NATIVE: "1" }]) {
        const r = await promisify(execFile)(process.execPath, [BIN, "commp", path, "--json"], { env: { ...process.env, ...env } })
        expect(JSON.parse(r.stdout)).toStrictEqual(want)
        expect(r.stderr).toBe("")
      }
      await expect(promisify(execFile)(process.execPath, [BIN, "commp", join(dir, "nope")])).rejects.toMatchObject({ code: 1 })
    }
  )
})
