/**
 * The vector format: the committed JSON Schema is the one generated from conformance/schema.ts;
 * every committed vector decodes with the effect Schema and validates against the committed
 * JSON Schema file; and both reject broken vectors.
 */
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { loadVectors, parseVector } from "../../conformance/runner.js"
import { vectorJsonSchema } from "../../conformance/schema.js"
import { validate } from "./_jsonSchema.js"

const VECTORS = fileURLToPath(new URL("../../vectors", import.meta.url))
const SCHEMA_FILE = `${VECTORS}/schema/filflow-vector-1.json`
const committedSchema = JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as Record<string, unknown>
const loaded = loadVectors(VECTORS)
const raw = (id: string): Record<string, unknown> => JSON.parse(readFileSync(`${VECTORS}/${id}.json`, "utf8")) as Record<string, unknown>

describe("vectors/schema/filflow-vector-1.json", () => {
  it("is exactly the schema generated from conformance/schema.ts", () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(JSON.stringify(vectorJsonSchema(), null, 2) + "\n")
  })

  it("is draft 2020-12 and rejects unknown properties", () => {
    expect(committedSchema.$schema).toBe("https://json-schema.org/draft/2020-12/schema")
    expect(JSON.stringify(committedSchema)).toContain('"additionalProperties":false')
  })
})

describe("every committed vector", () => {
  it("there are vectors for every payment-channel action and for the encodings", () => {
    const groups = new Set(loaded.map((v) => v.id.split("/").slice(0, 2).join("/")))
    for (const g of ["paych/constructor", "paych/update_channel_state", "paych/settle", "paych/collect", "paych/add_funds", "paych/encoding", "address/encoding",
      "proofs/fr32", "proofs/commp", "proofs/commd", "proofs/pip", "packing/add_to_sector", "packing/pack_deal_into_sector", "packing/pack_sector",
      "market/constructor", "market/add_balance", "market/withdraw_balance", "market/publish_storage_deals", "market/verify_deals_for_activation",
      "market/batch_activate_deals", "market/on_miner_sectors_terminate", "market/cron_tick", "market/settle_deal_payments", "market/get_balance",
      "market/redeem_voucher", "market/unknown_method", "market/encoding", "parties/encode_deal_message", "parties/decode_deal_message"]) {
      expect(groups).toContain(g)
    }
  })

  it.each(loaded.map((v) => [v.id, v] as const))("%s decodes with the Schema and validates against the JSON Schema file", (id, v) => {
    expect("invalid" in v ? v.invalid : "").toBe("")
    expect(validate(committedSchema, raw(id))).toEqual([])
  })
})

describe("broken vectors are rejected by both the decoder and the JSON Schema", () => {
  const base = raw("paych/update_channel_state/invalid_unsigned")
  const valid = raw("paych/settle/valid_by_payer")
  const kat = raw("address/encoding/id_1024")
  const DELETE = Symbol("delete")
  /** A copy of `v` with the value at `path` replaced (or deleted). */
  const edit = (v: Record<string, unknown>, path: ReadonlyArray<string | number>, value: unknown): Record<string, unknown> => {
    const out = structuredClone(v)
    let cur = out as Record<string | number, unknown>
    for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>
    const last = path[path.length - 1]!
    if (value === DELETE) delete cur[last]
    else cur[last] = value
    return out
  }
  const fnOk = raw("proofs/commd/valid_several_pieces")
  const mkt = raw("market/batch_activate_deals/valid_one_deal")
  const dealKat = raw("market/encoding/valid_proposal_text_label")
  const msgFn = raw("parties/encode_deal_message/valid_deal_response_accepted")
  const fnErr = raw("packing/pack_sector/invalid_already_packed")
  const params = String((base.action as Record<string, unknown>).params)
  const cases: Array<[string, Record<string, unknown>]> = [
    ["no pre", edit(base, ["pre"], DELETE)],
    ["both post and error", edit(base, ["post"], valid.post)],
    ["neither post nor error", edit(base, ["error"], DELETE)],
    ["an unknown property", edit(base, ["comment"], "x")],
    ["schema version 2", edit(base, ["schema"], "filflow-vector/2")],
    ["epoch with a leading zero", edit(base, ["pre", "epoch"], "01000")],
    ["a balance as a number", edit(base, ["pre", "actors", 2, "balance"], 90)],
    ["an unknown actor kind", edit(base, ["pre", "actors", 0, "kind"], "miner")],
    ["params with 0x", edit(base, ["action", "params"], "0x" + params)],
    ["params in upper case", edit(base, ["action", "params"], params.toUpperCase())],
    ["exit code as a string", edit(base, ["error", "exitCode"], "16")],
    ["a paych state without lanes", edit(valid, ["pre", "actors", 5, "state", "laneStates"], DELETE)],
    ["a receipt without return", edit(valid, ["post", "receipt", "return"], DELETE)],
    ["a known answer without source", edit(kat, ["source"], DELETE)],
    ["a known answer with a numeric output", edit(kat, ["expected", "bytes"], 8)],
    ["a function vector with an unknown function", edit(fnOk, ["function"], "commR")],
    ["a function vector with both output and error", edit(fnOk, ["error"], { tag: "X", message: "" })],
    ["a function vector without kind", edit(fnOk, ["kind"], DELETE)],
    ["a function vector whose input belongs to another function", edit(fnOk, ["function"], "fr32Pad")],
    ["a function error without tag", edit(fnErr, ["error", "tag"], DELETE)],
    ["a sector size as a number", edit(fnOk, ["input", "sectorSize"], 2048)],
    ["a CommD in upper case", edit(fnOk, ["output", "commD"], String((fnOk.output as Record<string, unknown>).commD).toUpperCase())],
    ["an unknown indexing step", edit(fnErr, ["input", "steps", 0, "action"], "Seal")],
    // the storage actors (market vectors: f05 is the sixth actor)
    ["implicit: false (only true, or absent)", edit(mkt, ["action", "implicit"], false)],
    ["a circulating supply as a number", edit(mkt, ["pre", "network", "circulatingSupply"], 1)],
    ["a market state without its escrow table", edit(mkt, ["pre", "actors", 5, "state", "escrowTable"], DELETE)],
    ["a deal label of an unknown kind", edit(mkt, ["pre", "actors", 5, "state", "proposals", 0, "proposal", "label", "kind"], "cbor")],
    ["a pending proposal that is no base32 CID", edit(mkt, ["pre", "actors", 5, "state", "pendingProposals", 0], "Qm123")],
    ["a deal state without its unsealed record (our extension)", edit(mkt, ["post", "actors", 5, "state", "states", 0, "unsealed"], DELETE)],
    ["a deal state's sector size as a number", edit(mkt, ["post", "actors", 5, "state", "states", 0, "unsealed", "sectorSize"], 2048)],
    ["a provider_sectors entry with an unsealed record (the old place)", edit(mkt, ["post", "actors", 5, "state", "providerSectors", 0, "sectors", 0, "unsealed"], null)],
    ["a miner whose owner is a key address", edit(mkt, ["pre", "actors", 11, "state", "info", "owner"], "f1737ungv75tjr5qtwqqmzuq4mh22pybtctcgcrvy")],
    ["a DealProposal known answer with a numeric piece size", edit(dealKat, ["encoding", "proposal", "pieceSize"], 128)],
    ["a deal message of an unknown type", edit(msgFn, ["input", "message", "type"], "DealOffer")],
    ["a deal message whose signature type is 3", edit(msgFn, ["input", "signature", "type"], 3)]
  ]
  it.each(cases)("%s", (_, v) => {
    expect("invalid" in parseVector("x", JSON.stringify(v))).toBe(true)
    expect(validate(committedSchema, v).length).toBeGreaterThan(0)
  })

  it("the validator refuses keywords it does not know rather than ignoring them", () => {
    expect(() => validate({ type: "string", format: "email" }, "x")).toThrow(/unsupported keyword format/)
  })
})
