/**
 * `filflow post`: the command's function over sealed-sector directories written by
 * `filflow seal` — Window and Winning PoSt proved and verified, a tampered replica leaf caught
 * exactly when a challenge opens it, bad input (typed error, exit 1), sectors that cannot be
 * proved together, and usage errors (exit 2).
 *
 * Independent expectations: a Window PoSt challenges 10 leaves per sector, a Winning PoSt 66 leaves
 * of 1 sector (filecoin-project/rust-fil-proofs filecoin-proofs/src/constants.rs @
 * filecoin-proofs-v19.1.0 `WINDOW_POST_CHALLENGE_COUNT`, `WINNING_POST_CHALLENGE_COUNT`,
 * `WINNING_POST_SECTOR_COUNT`); a 2 KiB sector has 2048 / 32 = 64 leaves; the randomness is used
 * with the top two bits of byte 31 cleared (0xab → 0x2b, by hand; the FVM's
 * `randomness[31] &= 0x3f`). The leaf positions themselves are checked against Python-derived
 * answers in test/proofs/post/.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runPost } from "../../src/cli/post.js"
import { SECTOR_FILES } from "../../src/cli/_sectorDir.js"
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

describe("filflow post: proved and verified", () => {
  it("a Window PoSt over one sector: 10 leaves of 64 challenged, verified, exit 0; the randomness as a field element", async () => {
    const r = await post([a, "--randomness", RANDOMNESS, "--json"])
    expect(r.stderr).toBe("")
    expect(r.code).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(j).toMatchObject({ kind: "window", verified: true, postProof: "StackedDrgWindow2KiBV1_1", miner: "t01000", proof: "StackedDrg2KiBV1_1", sectors: ["1"] })
    expect(j.randomness).toBe(`${"ab".repeat(31)}2b`)
    expect(j.challenges).toHaveLength(1)
    expect(j.challenges[0].sector).toBe("1")
    expect(j.challenges[0].leaves).toHaveLength(10)
    for (const leaf of j.challenges[0].leaves) expect(leaf >= 0 && leaf < 64).toBe(true)
    expect(j.failure).toBeUndefined()
    expect(j.proofBytes).toBeGreaterThan(10 * 32) // at least the ten opened leaves
  })

  it("a Window PoSt over three sectors (two partitions), given in any order, challenged in ascending sector number", async () => {
    const c = await sealed("c3.bin", "t01000", "3")
    const r = await post([c, b, a, "--randomness", RANDOMNESS, "--json"])
    expect(r.code).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(j.sectors).toStrictEqual(["1", "2", "3"])
    expect(j.challenges.map((x: { sector: string }) => x.sector)).toStrictEqual(["1", "2", "3"])
    const human = await post([c, b, a, "--randomness", RANDOMNESS])
    expect(human.stdout).toMatch(/^StackedDrgWindow2KiBV1_1 \(vanilla, no SNARK\) over 3 sectors of t01000 \(StackedDrg2KiBV1_1\)\n/)
    expect(human.stdout.endsWith("\nverified\n")).toBe(true)
  })

  it("a Winning PoSt: one of the given sectors drawn, 66 leaves, verified", async () => {
    const r = await post([a, b, "--randomness", RANDOMNESS, "--winning", "--json"])
    expect(r.code).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(j).toMatchObject({ kind: "winning", verified: true, postProof: "StackedDrgWinning2KiBV1" })
    expect(j.challenges).toHaveLength(1)
    expect(["1", "2"]).toContain(j.challenges[0].sector)
    expect(j.challenges[0].leaves).toHaveLength(66)
  })
})

describe("filflow post: a changed replica byte", () => {
  // The leaf changed is fixed; the randomness is chosen (searched over a fixed list, so the test
  // is deterministic) so that a challenge opens it — or so that no challenge opens it nor any leaf
  // of its group of 8 (whose hash the opening's path would carry).
  const LEAF = 37
  const randomnessNo = (i: number) => i.toString(16).padStart(2, "0").repeat(32)
  const leavesOf = async (d: string, randomness: string): Promise<ReadonlyArray<number>> =>
    JSON.parse((await post([d, "--randomness", randomness, "--json"])).stdout).challenges[0].leaves

  it("caught when a challenge opens it (exit 1, not verified, the failure named); not seen when none comes near it", async () => {
    const d = await sealed("tamper.bin", "t01000", "9")
    let hit: string | undefined
    let miss: string | undefined
    for (let i = 0; i < 256 && (hit === undefined || miss === undefined); i++) {
      const leaves = await leavesOf(d, randomnessNo(i))
      if (hit === undefined && leaves.includes(LEAF)) hit = randomnessNo(i)
      if (miss === undefined && leaves.every((l) => Math.floor(l / 8) !== Math.floor(LEAF / 8))) miss = randomnessNo(i)
    }
    expect(hit).toBeDefined()
    expect(miss).toBeDefined()
    // flip the lowest bit of the leaf's first byte: still a field element, no longer the sealed one
    const replica = join(d, SECTOR_FILES.replica)
    const bytes = readFileSync(replica)
    bytes[32 * LEAF]! ^= 0x01
    writeFileSync(replica, bytes)
    const caught = await post([d, "--randomness", hit!, "--json"])
    expect(caught.code).toBe(1)
    const j = JSON.parse(caught.stdout)
    expect(j.verified).toBe(false)
    expect(j.failure).toMatch(/^Opening/)
    expect(j.challenges[0].leaves).toContain(LEAF)
    const human = await post([d, "--randomness", hit!])
    expect(human.code).toBe(1)
    expect(human.stdout).toMatch(/\nNOT verified: Opening\w+ \(.*leaf 37/)
    const unseen = await post([d, "--randomness", miss!])
    expect(unseen.code).toBe(0)
    expect(unseen.stdout.endsWith("\nverified\n")).toBe(true)
  })
})

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
    [["x.sealed"], "missing --randomness"],
    [["x.sealed", "--randomness"], "--randomness needs a value"],
    [["x.sealed", "--randomness", RANDOMNESS, "--window"], "unknown option --window"]
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
