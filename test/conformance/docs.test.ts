/**
 * The documentation of the vectors and of the protocol stays true: the example exchange in
 * conformance/README.md is the request the runner really sends for its vector, and the module
 * READMEs name every case there is.
 */
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { requestFor } from "../../conformance/compare.js"
import { loadVectors } from "../../conformance/runner.js"
import { EncodingInput } from "../../conformance/schema.js"

const ROOT = fileURLToPath(new URL("../..", import.meta.url))
const read = (p: string) => readFileSync(`${ROOT}/${p}`, "utf8")
const vectors = loadVectors(`${ROOT}/vectors`)

describe("conformance/README.md", () => {
  it("its example request is exactly what the runner sends for paych/settle/valid_by_payer", () => {
    const block = /```json\n([\s\S]*?)\n```/.exec(read("conformance/README.md"))![1]!
    const lv = vectors.find((v) => v.id === "paych/settle/valid_by_payer")!
    if (!("vector" in lv)) throw new Error(lv.invalid)
    expect(JSON.parse(block)).toEqual(requestFor(lv.id, lv.vector))
  })
})

describe("module READMEs name every case", () => {
  it.each(["paych", "market", "address", "proofs", "packing", "parties"])("vectors/%s/README.md", (module) => {
    const text = read(`vectors/${module}/README.md`)
    const missing = vectors.filter((v) => v.id.startsWith(`${module}/`)).map((v) => v.id.split("/").at(-1)!).filter((name) => !text.includes(`\`${name}\``) && !text.includes(`/${name}\``))
    expect(missing).toEqual([])
  })

  it("vectors/README.md lists every encoding type", () => {
    const text = read("vectors/README.md")
    for (const member of EncodingInput.members) {
      const t = member.fields.type.ast
      const literals = "literal" in t ? [t.literal] : "types" in t ? (t.types as ReadonlyArray<{ literal: unknown }>).map((x) => x.literal) : []
      expect(literals.length).toBeGreaterThan(0)
      for (const l of literals) expect(text).toContain(`\`${String(l)}\``)
    }
  })
})
