/**
 * The MDX chapters of `spec/` are executable documentation.  For every `spec/*.mdx`:
 * - it compiles with @mdx-js/mdx (a syntax error fails here);
 * - its level-2 sections come in the fixed chapter order (STYLE.md, consensus-specs section);
 * - every `ts`/`tla` block is marked `run`, `source="…"` or `static`;
 * - every excerpt (`source="…"`) is still verbatim in its source file, so a quoted TLA+ action or
 *   model function cannot drift from the file it quotes;
 * - every runnable block (` ```ts run `) is generated into `test/docs/.generated/spec-<chapter>/` with its
 *   imports re-rooted, imported (it states its results with `assert`, so a wrong result throws)
 *   as one test named after the chapter and headings, and type-checked with the repository's options.
 *
 * The harness itself is tested on broken fixtures in harness.test.ts.
 */
import { readdirSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { type Chapter, conventionProblem, excerptProblem, locate, readChapter } from "../../docs/mdx.js"
import { type GeneratedExample, generateChapterExamples, runChapterExample, sectionOrderProblem, typeProblems } from "./_chapters.js"

const ROOT = fileURLToPath(new URL("../..", import.meta.url))
const CHAPTERS = readdirSync(join(ROOT, "spec")).filter((f) => f.endsWith(".mdx")).sort().map((f) => `spec/${f}`)

type Loaded =
  | { readonly path: string; readonly chapter: Chapter; readonly examples: ReadonlyArray<GeneratedExample> }
  | { readonly path: string; readonly error: unknown }

const loaded = await Promise.all(CHAPTERS.map(async (path): Promise<Loaded> => {
  try {
    const { chapter } = await readChapter(ROOT, path)
    return { path, chapter, examples: generateChapterExamples(ROOT, chapter) }
  } catch (error) {
    return { path, error }
  }
}))

it("there is at least one chapter", () => {
  expect(CHAPTERS.length).toBeGreaterThan(0)
})

for (const entry of loaded) {
  describe(entry.path, () => {
    if (!("chapter" in entry)) {
      it("compiles with @mdx-js/mdx", () => {
        throw entry.error
      })
      return
    }
    const { chapter, examples } = entry

    it("compiles with @mdx-js/mdx and has a title", () => {
      expect(chapter.title).not.toBe("")
    })

    it("has its sections in the fixed chapter order", () => {
      expect(sectionOrderProblem(chapter)).toBeUndefined()
    })

    it("marks every ts/tla block run, source=… or static", () => {
      const problems = chapter.blocks.flatMap((b) => {
        const p = conventionProblem(b)
        return p === undefined ? [] : [`${locate(chapter, b)}: ${p}`]
      })
      expect(problems).toEqual([])
    })

    const excerpts = chapter.blocks.filter((b) => b.meta.source !== undefined)
    describe("excerpts are verbatim", () => {
      it.each(excerpts.map((b) => [`${b.lang} excerpt of ${b.meta.source} at ${locate(chapter, b)}`, b] as const))("%s", (_, block) => {
        expect(excerptProblem(ROOT, block)).toBeUndefined()
      })
    })

    it("quotes every TLA+ block from a .tla file", () => {
      const unsourced = chapter.blocks.filter((b) => b.lang === "tla" && !(b.meta.source ?? "").endsWith(".tla"))
      expect(unsourced.map((b) => locate(chapter, b))).toEqual([])
    })

    describe("runnable examples", () => {
      it.each(examples.map((e) => [e.name, e] as const))("%s", async (_, example) => {
        await runChapterExample(example)
      })

      it("type-check", () => {
        expect(typeProblems(ROOT, examples)).toEqual([])
      })
    })
  })
}
