/**
 * The generator: regenerating the vectors in memory gives exactly the committed files (the drift
 * check — when the implementation changes behaviour, this fails until `npm run build && npm run
 * vectors` is run and the new vectors are reviewed and committed); writing cleans up stale files;
 * and the generator refuses cases that do not behave as they say.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, describe, expect, it } from "vitest"
import { listJsonFiles } from "../../conformance/runner.js"
import { generateVectors, SCHEMA_PATH, writeVectors } from "../../scripts/gen-vectors.js"
import { buildVector } from "../../scripts/vectors/build.js"
import { redeem } from "../../scripts/vectors/world.js"
import { buildMarketVector, ok, rejected } from "../../scripts/vectors/market-build.js"
import { activate, funded, proposal, publish, sector } from "../../scripts/vectors/market-world.js"

const VECTORS = fileURLToPath(new URL("../../vectors", import.meta.url))
const generated = generateVectors()
const HOW = "the implementation's behaviour changed: run `npm run build && npm run vectors`, review the diff of vectors/, commit it"

describe("the committed vectors are exactly what the generator writes", () => {
  it("the same set of files", () => {
    expect(listJsonFiles(VECTORS), HOW).toEqual(generated.map((f) => f.path).sort())
  })

  it.each(generated.map((f) => [f.path, f] as const))("%s", (path, f) => {
    expect(readFileSync(join(VECTORS, path), "utf8"), HOW).toBe(f.content)
  })

  it("generating twice gives the same bytes (no clock, no randomness)", () => {
    expect(generateVectors()).toEqual(generated)
  })

  it("the JSON Schema is among the files, and every other file is a vector", () => {
    expect(generated.map((f) => f.path)).toContain(SCHEMA_PATH)
    for (const f of generated) if (f.path !== SCHEMA_PATH) expect(JSON.parse(f.content).schema).toBe("filflow-vector/1")
  })
})

describe("writeVectors", () => {
  const dir = mkdtempSync(join(tmpdir(), "filflow-vectors-"))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("writes every file and deletes JSON files it did not generate, nothing else", () => {
    mkdirSync(join(dir, "paych", "settle"), { recursive: true })
    writeFileSync(join(dir, "paych", "settle", "stale.json"), "{}")
    writeFileSync(join(dir, "README.md"), "kept")
    const { written, deleted } = writeVectors(dir)
    expect(written).toBe(generated.length)
    expect(deleted).toEqual(["paych/settle/stale.json"])
    expect(existsSync(join(dir, "README.md"))).toBe(true)
    expect(listJsonFiles(dir)).toEqual(generated.map((f) => f.path).sort())
  })
})

describe("the generator refuses a case that does not behave as it says", () => {
  it("an expectation the implementation does not meet", () => {
    expect(() => buildVector({ action: "update_channel_state", name: "x", description: "", expect: "ok", step: { model: redeem({ signer: "Unsigned" }) } }))
      .toThrow(/update_channel_state\/x: expected success, got 16 VoucherSigned/)
  })

  it("a concretization on which the implementation and the model disagree", () => {
    // the model redeems lane 0; the concrete voucher says lane 2^63, which the chain rejects
    expect(() => buildVector({
      action: "update_channel_state", name: "y", description: "", expect: "ok",
      step: { model: redeem({ lane: 0 }), knobs: { voucher: { lane: 1n << 63n } } }
    })).toThrow(/the model takes the step, the chain rejects it/)
  })

  it("a setup step that fails", () => {
    expect(() => buildVector({
      action: "settle", name: "z", description: "", expect: "ok",
      setup: [{ model: redeem({ amount: -1n }) }], step: { model: { action: "Settle", args: { by: "From" } } }
    })).toThrow(/settle\/z: setup step 0 failed: 16/)
  })
})

describe("the market generator refuses a case that does not behave as it says", () => {
  it("an expectation the implementation does not meet", () => {
    // no escrow: the only deal fails ClientBalanceCovered (16)
    expect(() => buildMarketVector({ method: "publish_storage_deals", name: "x", description: "", expect: ok(), step: (w) => publish(w, [proposal(w)]) }))
      .toThrow(/market\/publish_storage_deals\/x: expected success, got 16 ClientBalanceCovered/)
    expect(() => buildMarketVector({ method: "publish_storage_deals", name: "y", description: "", expect: rejected(16, "ProviderBalanceCovered"), step: (w) => publish(w, [proposal(w)]) }))
      .toThrow(/expected 16 ProviderBalanceCovered, got 16 ClientBalanceCovered/)
  })

  it("batch entries other than the case says", () => {
    // deal 7 was never published: its sector fails 17, not 32
    expect(() => buildMarketVector({
      method: "batch_activate_deals", name: "z", description: "", expect: ok([[0, 32]]), setup: funded,
      step: () => activate([sector({ dealIds: [7n] })])
    })).toThrow(/expected batch failures \[\[0,32\]\], got \[\[0,17\]\]/)
  })

  it("a setup step that fails", () => {
    expect(() => buildMarketVector({
      method: "batch_activate_deals", name: "s", description: "", expect: ok(), setup: [(w) => publish(w, [proposal(w)])], step: () => activate([sector()])
    })).toThrow(/market\/batch_activate_deals\/s: setup step 0 failed: 16/)
  })
})
