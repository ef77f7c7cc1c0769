/**
 * The `@example`s of the doc comments in `src/model/*.ts` run (STYLE.md, Effect section: runnable
 * examples with `// =>` results).  Each self-contained example — one that imports what it uses —
 * is generated into `test/docs/.generated/jsdoc/` (`filflow/<path>` imports point at `src/<path>`),
 * run, and type-checked; each `// => value` that is a plain literal is asserted with
 * `deepStrictEqual`.  Examples that import nothing are reported as skipped tests with the reason,
 * and claims that are not plain literals are named in the test's title as not checked.
 *
 * FILFLOW_DOC_EXAMPLES=src/impl,src/proofs (folders, comma-separated) looks at other folders instead.
 */
import { readdirSync } from "node:fs"
import { basename, join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { freshDir, runExample, typecheck, writeExample } from "./_generate.js"
import { docExamples, isPlainLiteral, prepare } from "./_jsdoc.js"

const ROOT = fileURLToPath(new URL("../..", import.meta.url))
const DIRS = (process.env["FILFLOW_DOC_EXAMPLES"] ?? "src/model").split(",").map((d) => d.trim()).filter((d) => d !== "")

const listTs = (dir: string): Array<string> =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listTs(`${dir}/${e.name}`) : e.name.endsWith(".ts") ? [`${dir}/${e.name}`] : []).sort()

const prepared = DIRS.flatMap(listTs).flatMap((f) => docExamples(ROOT, f)).map(prepare)
const outDir = freshDir(ROOT, "jsdoc")
const generated = prepared.flatMap((p, i) => {
  if (p.runnable === undefined) return []
  const file = join(outDir, `${String(i + 1).padStart(2, "0")}-${basename(p.example.file, ".ts")}-${p.example.symbol.replace(/\W+/g, "_")}.ts`)
  writeExample(ROOT, file, `${p.example.file}:${p.example.line} (@example of ${p.example.symbol})`, join(ROOT, p.example.file, ".."), p.runnable)
  return [{ ...p, file }]
})

/**
 * Type errors in examples of files this suite does not own, reported to their authors; a fixed one
 * simply stops appearing.  Any other type error fails the suite.
 */
const KNOWN_TYPE_ERRORS: ReadonlyArray<string> = []

const title = (p: (typeof prepared)[number]): string => {
  const where = `${p.example.file}:${p.example.line} ${p.example.symbol}`
  const claims = `${p.checked.length} claim${p.checked.length === 1 ? "" : "s"} checked`
  return p.unchecked.length === 0 ? `${where} (${claims})` : `${where} (${claims}; not checked: ${p.unchecked.join(" | ")})`
}

describe.each(DIRS)("@examples in %s", (dir) => {
  const here = prepared.filter((p) => p.example.file.startsWith(`${dir}/`))
  for (const p of here) {
    const g = generated.find((x) => x.example === p.example)
    if (g === undefined) {
      it.skip(`${title(p)} — not self-contained: it imports nothing`, () => {})
      continue
    }
    it(title(p), async () => {
      await runExample(g.file)
    })
  }

  it("type-check (but for the known problems listed in KNOWN_TYPE_ERRORS)", () => {
    const mine = generated.filter((g) => g.example.file.startsWith(`${dir}/`))
    const problems = mine.length === 0 ? [] : typecheck(ROOT, mine.map((g) => g.file)).map((t) => {
      const g = mine.find((x) => x.file === t.file)!
      return `${g.example.file} ${g.example.symbol}: ${t.message.split("\n")[0]}`
    })
    expect(problems.filter((p) => !KNOWN_TYPE_ERRORS.includes(p))).toEqual([])
  })
})

describe("claims", () => {
  it("plain literals are checked; anything else is not", () => {
    expect(["4", "-1n", '"8b"', '{ N: 2n, S: ["a"] }', "[true, null, undefined]", "{ 'a b': 0x71 }"].map(isPlainLiteral)).toEqual([true, true, true, true, true, true])
    expect(['"f1…" (always the same)', "Success(sv)", "x", "{ x }", "4 (leaves)", "!true", "Uint8Array [0, 1]"].map(isPlainLiteral))
      .toEqual([false, false, false, false, false, false, false])
  })

  it("a wrong claim fails its example", async () => {
    const p = prepare({ file: "test/docs/fixture.ts", symbol: "wrong", line: 1, code: 'import { formatFil } from "filflow/impl/token/amount"\nformatFil(1n) // => "2 FIL"\n' })
    expect(p.checked).toEqual(['formatFil(1n) // => "2 FIL"'])
    const file = writeExample(ROOT, join(freshDir(ROOT, "jsdoc-fixture"), "wrong.ts"), "a wrong claim", join(ROOT, "src"), p.runnable!)
    await expect(runExample(file)).rejects.toMatchObject({ name: "AssertionError" })
  })
})
