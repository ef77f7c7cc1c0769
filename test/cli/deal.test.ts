/**
 * `filflow deal`: the command's function on temp files.
 *
 * Independent expectations: the FRC-0069 test payload's piece CID and size (filecoin-project/FIPs
 * FRCs/frc-0069.md @ dd5075fe097672b2af4e72d16507efdc7f03f1c7: 127 × 0x00 ‖ 127 × 0x01 ‖ 127 × 0x02 ‖
 * 127 × 0x03 → baga6ea4seaqes3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi, 512 bytes); the
 * first deal of a fresh market gets ID 0 (builtin-actors `actors/market/src/state.rs` @ v18.0.0,
 * `State::new`: `next_id: 0`); PublishStorageDeals locks the client's price × duration plus its
 * collateral and the provider's collateral, and moves no escrow balance (lib.rs
 * `publish_storage_deals` → `lock_client_and_provider_balances`): 1000 attoFIL × 518 400 epochs =
 * 518 400 000 attoFIL, by hand.
 */
import { execFile } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type DealIo, runDeal } from "../../src/cli/deal.js"

const FRC69_V1 = "baga6ea4seaqes3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi"
const TEN_FIL = (10n * 10n ** 18n).toString()

const run = async (args: ReadonlyArray<string>) => {
  let stdout = ""
  let stderr = ""
  const io: DealIo = { stdout: (s) => { stdout += s }, stderr: (s) => { stderr += s } }
  const code = await runDeal(args, io)
  return { code, stdout, stderr }
}

let dir = ""
let frc69 = ""
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "filflow-deal-"))
  const p = new Uint8Array(508)
  for (let i = 0; i < 4; i++) p.fill(i, 127 * i, 127 * (i + 1))
  frc69 = join(dir, "frc69.bin")
  writeFileSync(frc69, p)
  mkdirSync(join(dir, "a-directory"))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("filflow deal <file> --json", () => {
  it("publishes a deal for the file's piece: deal ID 0, the client's fee and the provider's collateral locked", async () => {
    const r = await run([frc69, "--json"])
    expect(r.stderr).toBe("")
    expect(r.code).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(j.proposal.pieceCid).toBe(FRC69_V1)
    expect(j.proposal.pieceSize).toBe("512")
    expect(j.payloadSize).toBe("508")
    expect(j.proposal.provider).toBe(j.provider)
    expect(j.proposal.client).toBe(j.client)
    expect(BigInt(j.proposal.endEpoch) - BigInt(j.proposal.startEpoch)).toBe(518_400n)
    expect(j.proposalCid).toMatch(/^bafy2bza/)
    expect(j.status).toBe("Published")
    expect(j.publishExitCode).toBe(0)
    expect(j.publishMessageCid).toMatch(/^bafy2bza/)
    expect(j.dealId).toBe("0")
    expect(j.escrow.before).toEqual({ client: { balance: TEN_FIL, locked: "0" }, provider: { balance: TEN_FIL, locked: "0" } })
    expect(j.escrow.after).toEqual({
      client: { balance: TEN_FIL, locked: "518400000" },
      provider: { balance: TEN_FIL, locked: j.proposal.providerCollateral }
    })
    expect(BigInt(j.proposal.providerCollateral)).toBeGreaterThan(0n)
  })

  it("--price and --duration set the terms: price 0 locks nothing of the client's", async () => {
    const j = JSON.parse((await run([frc69, "--json", "--price", "0", "--duration", "600000"])).stdout)
    expect(j.proposal.storagePricePerEpoch).toBe("0")
    expect(BigInt(j.proposal.endEpoch) - BigInt(j.proposal.startEpoch)).toBe(600_000n)
    expect(j.escrow.after.client.locked).toBe("0")
  })

  it("the same seed gives the same run; another seed other keys", async () => {
    const a = JSON.parse((await run([frc69, "--json"])).stdout)
    const b = JSON.parse((await run([frc69, "--json"])).stdout)
    const c = JSON.parse((await run([frc69, "--json", "--seed", "other"])).stdout)
    expect(b).toEqual(a)
    expect(c.client).not.toBe(a.client)
    expect(c.proposalCid).not.toBe(a.proposalCid)
  })

  it("a duration the provider does not accept: rejected with the reason, nothing published, exit 1", async () => {
    const r = await run([frc69, "--json", "--duration", "100"])
    expect(r.code).toBe(1)
    const j = JSON.parse(r.stdout)
    expect(j).toMatchObject({ status: "Rejected", rejection: "DurationOutOfBounds", publishMessageCid: null, dealId: null })
    expect(j.escrow.after).toEqual(j.escrow.before)
  })
})

describe("filflow deal <file>", () => {
  it("prints the proposal's fields, its CID, the deal ID and the escrow before and after", async () => {
    const r = await run([frc69])
    expect(r.code).toBe(0)
    const j = JSON.parse((await run([frc69, "--json"])).stdout)
    for (const line of [
      `  pieceCid             ${FRC69_V1}`, "  pieceSize            512", `proposal CID           ${j.proposalCid}`, "deal ID                0",
      "           locked      0 attoFIL                              518,400,000 attoFIL"
    ]) expect(r.stdout.split("\n")).toContain(line)
  })
})

describe("errors", () => {
  it.each([
    [["--bogus", "x"], "unknown option --bogus"],
    [[], "missing <file>"],
    [["a", "b"], "unexpected argument b"],
    [["a", "--price", "1.5"], "--price: expected a whole number"],
    [["a", "--duration=-3"], "--duration: expected a whole number"]
  ])("%j → exit 2 with the usage", async (args, message) => {
    const r = await run(args)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(message)
    expect(r.stderr).toContain("usage: filflow deal <file>")
    expect(r.stdout).toBe("")
  })

  it("--help prints the usage, exit 0", async () => {
    const r = await run(["--help"])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain("usage: filflow deal <file>")
  })

  it("a missing file and a directory: exit 1 with the path", async () => {
    const missing = await run([join(dir, "nope.bin")])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toBe(`filflow deal: ${join(dir, "nope.bin")}: no such file\n`)
    const directory = await run([join(dir, "a-directory")])
    expect(directory.code).toBe(1)
    expect(directory.stderr).toContain(join(dir, "a-directory"))
    expect(directory.stdout).toBe("")
  })
})

const BIN = join(import.meta.dirname, "..", "..", "dist", "src", "cli", "main.js")
describe("the built binary", () => {
  it.skipIf(!existsSync(join(import.meta.dirname, "..", "..", "dist", "src", "cli", "_deal.js")))(
    "node dist/src/cli/main.js deal <file> --json publishes deal 0; an unknown option exits 2",
    async () => {
      const r = await promisify(execFile)(process.execPath, [BIN, "deal", frc69, "--json"])
      expect(JSON.parse(r.stdout)).toMatchObject({ dealId: "0", proposal: { pieceCid: FRC69_V1 } })
      await expect(promisify(execFile)(process.execPath, [BIN, "deal", frc69, "--nope"])).rejects.toMatchObject({ code: 2 })
    }
  )
})
