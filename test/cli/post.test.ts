/**
 * `filflow post`: the command's function over sealed-sector directories written by
 * `filflow seal` — bad input (typed error, exit 1), sectors that cannot be proved together, and
 * usage errors (exit 2).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runPost } from "../../src/cli/post.js"
import { runSeal, type SectorIo } from "../../src/cli/seal.js"
import { pseudoRandomBytes } from "../proofs/_helpers.js"

const TICKET = "0102030405060708091011121314151617181920212223242526272829303132"
const RANDOMNESS = "ab".repeat(32)

const capture = async (f: (io: SectorIo) => Promise<number>) => {
  let stdout = ""
  let stderr = ""
  const code = await f({ stdout: (s) => { stdout += s }, stdoutBytes: () => {}, stderr: (s) => { stderr += s }, stderrIsTTY: false })
  return { code, stdout, stderr }
}
const post = (args: ReadonlyArray<string>) => capture((io) => runPost(args, io))

let dir = ""
const sealed = async (name: string, miner: string, sector: string, proof = "V1_1"): Promise<string> => {
  const path = join(dir, name)
  writeFileSync(path, pseudoRandomBytes(500, name.length))
  const args = [path, "--sector-size", "2KiB", "--miner", miner, "--sector", sector, "--ticket", TICKET, "--proof", proof]
  const r = await capture((io) => runSeal(args, io))
  if (r.code !== 0) throw new Error(r.stderr)
  return `${path}.sealed`
}

let a = ""
let b = ""
let otherMiner = ""
let sameNumber = ""
let v1 = ""
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "filflow-post-"))
  a = await sealed("a.bin", "t01000", "1")
  b = await sealed("b.bin", "t01000", "2")
  otherMiner = await sealed("c.bin", "t01001", "3")
  sameNumber = await sealed("d.bin", "t01000", "1")
  v1 = await sealed("e.bin", "t01000", "4", "V1")
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("filflow post: bad input, exit 1", () => {
  it.each([
    ["abcd", "--randomness abcd: 4 characters, expected 64 hex digits (32 bytes)"],
    ["zz".repeat(32), "--randomness zzzz"]
  ])("--randomness %s", async (randomness, message) => {
    const r = await post([a, "--randomness", randomness])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe("")
    expect(r.stderr).toContain(message)
  })

  it("a directory that is not a sealed sector", async () => {
    const r = await post([a, dir, "--randomness", RANDOMNESS])
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(`filflow post: ${dir}: not a sealed sector: no meta.json\n`)
  })

  it("sectors of two miners, two proofs, or one sector number twice cannot be proved together", async () => {
    const cases: ReadonlyArray<[ReadonlyArray<string>, string]> = [
      [[a, otherMiner], `${otherMiner} is miner t01001's, ${a} is t01000's`],
      [[a, v1], `${v1} is StackedDrg2KiBV1, ${a} is StackedDrg2KiBV1_1`],
      [[a, b, sameNumber], `${a} and ${sameNumber} are both sector 1`]
    ]
    for (const [dirs, reason] of cases) {
      const r = await post([...dirs, "--randomness", RANDOMNESS])
      expect(r.code).toBe(1)
      expect(r.stderr).toBe(`filflow post: these sectors cannot be proved together: ${reason}\n`)
    }
  })
})

describe("filflow post: usage errors, exit 2", () => {
  it.each([
    [[], "missing <dir>"],
    [[a], "missing --randomness"],
    [[a, "--randomness"], "--randomness needs a value"],
    [[a, "--randomness", RANDOMNESS, "--window"], "unknown option --window"]
  ])("%j", async (args, message) => {
    const r = await post(args)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe("")
    expect(r.stderr).toContain(`filflow post: ${message}\n`)
    expect(r.stderr).toContain("usage: filflow post <dir>…")
  })

  it("--help: the usage, exit 0", async () => {
    const r = await post(["--help"])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain("usage: filflow post <dir>… --randomness <64 hex>")
  })
})
