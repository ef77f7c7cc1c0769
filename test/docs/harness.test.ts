/**
 * The documentation harness fails when it should: on the fixtures in test/docs/fixtures (a chapter
 * with a failing example, a type error, a drifted excerpt, an unmarked block and sections out of
 * order; a chapter that does not compile) every check that mdx.test.ts applies to spec/*.mdx must
 * report the problem, at the right line.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { conventionProblem, excerptProblem, parseMeta, readChapter } from "../../docs/mdx.js"
import { generateChapterExamples, runChapterExample, sectionOrderProblem, typeProblems } from "./_chapters.js"
import { rewriteImports } from "./_generate.js"

const ROOT = fileURLToPath(new URL("../..", import.meta.url))
const BROKEN = "test/docs/fixtures/broken.mdx"
const text = readFileSync(join(ROOT, BROKEN), "utf8")
/** The 1-based line of the first line of the fixture containing `s`. */
const lineOf = (s: string): number => text.split("\n").findIndex((l) => l.includes(s)) + 1

const { chapter } = await readChapter(ROOT, BROKEN)
const examples = generateChapterExamples(ROOT, chapter, "fixtures")

describe("reading a chapter", () => {
  it("collects the title, headings and every code block with its line, meta and headings", () => {
    expect(chapter.title).toBe("A broken chapter")
    expect(chapter.headings.map((h) => [h.depth, h.id])).toEqual([
      [1, "a-broken-chapter"], [2, "what-it-is"], [2, "where-it-sits-in-the-storage-flow"], [2, "excerpts"]
    ])
    expect(chapter.blocks.map((b) => [b.lang, b.line, b.meta.run, b.meta.source ?? null])).toEqual([
      ["ts", lineOf("A block that passes") + 2, true, null],
      ["ts", lineOf("A block whose assertion fails") + 2, true, null],
      ["ts", lineOf("A block that runs but does not") + 2, true, null],
      ["tla", lineOf("## Excerpts") + 2, false, "spec/tla/PaymentChannel.tla"],
      ["tla", lineOf("collected = TRUE") - 1, false, "spec/tla/PaymentChannel.tla"],
      ["tla", lineOf("NotSettling == ") - 1, false, "spec/tla/PaymentChannel.tla"],
      ["ts", lineOf("An unmarked block") + 2, false, null]
    ])
    expect(chapter.blocks[1]!.headings).toEqual(["Where it sits in the storage flow"])
  })

  it("rejects MDX that does not compile, naming the line", async () => {
    await expect(readChapter(ROOT, "test/docs/fixtures/syntax-error.mdx")).rejects.toThrow(/closing tag for `<div>` \(3:/)
  })

  it("parses meta strings: flags and key=value pairs", () => {
    expect(parseMeta('run source="a b.tla" x=1')).toEqual({ run: true, static: false, source: "a b.tla", raw: 'run source="a b.tla" x=1' })
    expect(parseMeta(undefined)).toEqual({ run: false, static: false, source: undefined, raw: "" })
  })
})

describe("runnable examples", () => {
  it("a correct example passes (its imports re-rooted from the fixture's folder)", async () => {
    await expect(runChapterExample(examples[0]!)).resolves.toBeUndefined()
  })

  it("a failing assertion fails the example, at the chapter line that failed", async () => {
    const failing = runChapterExample(examples[1]!)
    await expect(failing).rejects.toThrow(`${BROKEN}:${lineOf("assert.equal(two, 3)")} (example at ${BROKEN}:${lineOf("A block whose assertion fails") + 2} (Where it sits`)
    await expect(runChapterExample(examples[1]!)).rejects.toMatchObject({ name: "AssertionError" })
  })

  it("a type error is reported at its chapter line, though the example runs", async () => {
    await expect(runChapterExample(examples[2]!)).resolves.toBeUndefined()
    expect(typeProblems(ROOT, examples)).toEqual([
      `${BROKEN}:${lineOf("not a number")}: Type 'string' is not assignable to type 'number'.`
    ])
  })
})

describe("excerpts and conventions", () => {
  const [verbatim, drifted, reordered] = chapter.blocks.filter((b) => b.lang === "tla")

  it("a verbatim excerpt passes", () => {
    expect(excerptProblem(ROOT, verbatim!)).toBeUndefined()
  })

  it("a drifted excerpt is reported with the line that is not in the file", () => {
    expect(excerptProblem(ROOT, drifted!)).toBe('not verbatim in spec/tla/PaymentChannel.tla: no line reads "ChannelExists == collected = TRUE"')
  })

  it("lines that exist but not together are reported", () => {
    expect(excerptProblem(ROOT, reordered!)).toMatch(/every line exists, but not together/)
  })

  it("an unmarked ts block breaks the conventions; marked ones keep them", () => {
    expect(chapter.blocks.map(conventionProblem).map((p) => p !== undefined)).toEqual([false, false, false, false, false, false, true])
  })

  it("sections out of order are reported", () => {
    expect(sectionOrderProblem(chapter, ["Where it sits in the storage flow", "What it is"])).toMatch(/"What it is" comes too early/)
    expect(sectionOrderProblem(chapter, ["What it is", "Excerpts"])).toBeUndefined()
    expect(sectionOrderProblem(chapter, ["Vectors"])).toMatch(/"Vectors" is missing/)
  })
})

describe("rewriteImports", () => {
  it("re-roots relative specifiers and maps filflow/ self-references, in every import form", () => {
    const code = [
      'import { a } from "../src/model/A.js"',
      'import type { B } from "./b.js"',
      'export { c } from "../src/c.js"',
      'const d = await import("../src/d.js")',
      'type E = import("../src/e.js").E',
      'import { explore } from "filflow/model/explore"',
      'import assert from "node:assert/strict"'
    ].join("\n")
    expect(rewriteImports(code, "/r", "/r/spec", "/r/test/docs/.generated/x").split("\n")).toEqual([
      'import { a } from "../../../../src/model/A.js"',
      'import type { B } from "../../../../spec/b.js"',
      'export { c } from "../../../../src/c.js"',
      'const d = await import("../../../../src/d.js")',
      'type E = import("../../../../src/e.js").E',
      'import { explore } from "../../../../src/model/explore.js"',
      'import assert from "node:assert/strict"'
    ])
  })
})
