/**
 * The built binary's argument handling (`node dist/src/cli/main.js …`, after `npm run build`):
 * every command rejects unknown options and stray arguments with exit 2 and its usage on stderr,
 * and prints its usage with exit 0 for --help.
 */
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

const BIN = join(import.meta.dirname, "..", "..", "dist", "src", "cli", "main.js")
const run = (...args: Array<string>) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 60_000 })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe("the built binary in CI", () => {
  // `npm ci` builds dist/ (the `prepare` script): in CI the tests below and the built-binary test
  // of commp.test.ts must run, not skip quietly for want of a build.
  it.runIf(process.env.CI === "true")("dist/src/cli/main.js exists", () => {
    expect(existsSync(BIN) ? "built" : `${BIN} is missing: run npm run build`).toBe("built")
  })
})

describe.skipIf(!existsSync(BIN))("node dist/src/cli/main.js (build first: npm run build)", () => {
  it.each([
    [["--bogus"], "filflow: unknown option --bogus"],
    [["-x"], "filflow: unknown option -x"],
    [["nope"], "filflow: unknown command nope"],
    [["scenario", "--bogus"], "filflow scenario: unknown option --bogus"],
    [["scenario", "extra"], "filflow scenario: unexpected argument extra"],
    [["scenario", "--json"], "filflow scenario: unknown option --json"],
    [["help", "--bogus"], "filflow help: unknown option --bogus"],
    [["help", "commp"], "filflow help: unexpected argument commp"],
    [["commp", "--bogus", "f"], "filflow commp: unknown option --bogus"],
    [["commp", "a", "b"], "filflow commp: unexpected argument b"],
    [["seal", "a.bin"], "filflow seal: missing --sector-size"],
    [["seal", "a.bin", "--bogus"], "filflow seal: unknown option --bogus"],
    [["unseal"], "filflow unseal: missing <dir>"],
    [["post", "a.sealed"], "filflow post: missing --randomness"]
  ])("%j exits 2 with the message and a usage line on stderr, nothing on stdout", (args, message) => {
    const r = run(...args)
    expect(r.status).toBe(2)
    expect(r.stdout).toBe("")
    expect(r.stderr).toContain(message)
    expect(r.stderr).toMatch(/^usage: filflow/m)
  })

  it.each([[["--help"]], [["-h"]], [["help"]], [["scenario", "--help"]], [["commp", "--help"]], [["seal", "--help"]], [["unseal", "--help"]], [["post", "--help"]]])("%j prints the usage on stdout, exit 0", (args) => {
    const r = run(...args)
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^usage: filflow/)
    expect(r.stderr).toBe("")
  })

  it("the main usage lists seal, unseal and post", () => {
    const r = run("help")
    for (const c of ["seal <file>", "unseal <dir>", "post <dir>…"]) expect(r.stdout).toContain(`usage: filflow ${c}`)
  })

  it("no arguments and `scenario` run the scenario, exit 0", () => {
    for (const args of [[], ["scenario"]]) {
      const r = run(...args)
      expect(r.status).toBe(0)
      expect(r.stdout).toContain("Funds conserved")
    }
  })
})
