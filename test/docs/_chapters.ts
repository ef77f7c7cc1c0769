/**
 * Test helper: the chapter-level checks of the MDX harness — generating a chapter's runnable
 * blocks as modules, running one with its location in the chapter on failure, type-checking them
 * with errors reported at chapter lines, and the fixed order of a chapter's sections.
 */
import { basename, dirname, join } from "node:path"
import { type Chapter, type CodeBlock, locate, slug } from "../../docs/mdx.js"
import { freshDir, HEADER_LINES, runExample, typecheck, writeExample } from "./_generate.js"

/** A runnable block written out as a module. */
export interface GeneratedExample {
  /** The test name: the headings above the block and its line. */
  readonly name: string
  /** `spec/x.mdx:12 (Section › Sub)`. */
  readonly where: string
  readonly file: string
  readonly chapter: Chapter
  readonly block: CodeBlock
}

/**
 * Writes every runnable block of `chapter` to `test/docs/.generated/<sub>/NN-<heading>.ts`, `sub`
 * being `spec-<chapter name>` unless given (the folder is emptied first), with its imports
 * re-rooted from the chapter's folder.
 */
export const generateChapterExamples = (root: string, chapter: Chapter, sub = `spec-${basename(chapter.path, ".mdx")}`): Array<GeneratedExample> => {
  const dir = freshDir(root, sub)
  return chapter.blocks.filter((b) => b.meta.run).map((block, i) => {
    const last = block.headings.at(-1) ?? "top"
    const file = join(dir, `${String(i + 1).padStart(2, "0")}-${slug(last).slice(0, 48)}.ts`)
    const where = locate(chapter, block)
    writeExample(root, file, where, join(root, dirname(chapter.path)), block.value)
    return { name: `${block.headings.join(" › ") || "(top)"} (line ${block.line})`, where, file, chapter, block }
  })
}

/** The chapter line of a generated file's line (the block's code starts the line after its fence). */
const chapterLine = (example: GeneratedExample, generatedLine: number): number => example.block.line + (generatedLine - HEADER_LINES)

/**
 * Runs one generated example.  A failure names the chapter line that failed, read from the
 * error's (source-mapped) stack, or else the line the block starts on.
 */
export const runChapterExample = async (example: GeneratedExample): Promise<void> => {
  try {
    await runExample(example.file)
  } catch (error) {
    if (error instanceof Error) {
      const frame = new RegExp(`${basename(example.file).replace(/[.]/g, "[.]")}:(\\d+):\\d+`).exec(error.stack ?? "")
      const at = frame === null ? `the example at ${example.where}` : `${example.chapter.path}:${chapterLine(example, Number(frame[1]))} (example at ${example.where})`
      error.message = `${at} failed: ${error.message}`
    }
    throw error
  }
}

/** The type errors of the generated examples, each at its line in the chapter. */
export const typeProblems = (root: string, examples: ReadonlyArray<GeneratedExample>): Array<string> => {
  if (examples.length === 0) return []
  const byFile = new Map(examples.map((e) => [e.file, e]))
  return typecheck(root, examples.map((e) => e.file)).map((p) => {
    const e = byFile.get(p.file)!
    return `${e.chapter.path}:${chapterLine(e, p.line)}: ${p.message}`
  })
}

/**
 * The level-2 sections every chapter has, in this order (STYLE.md: what it is and where it sits
 * in the flow → state and constants → each action → invariants → runnable examples → vectors →
 * where we differ from production).  A chapter may add sections between them.
 */
export const CHAPTER_SECTIONS: ReadonlyArray<string> = [
  "Where it sits in the storage flow",
  "What it is",
  "State and constants",
  "Actions",
  "Invariants",
  "Runnable examples",
  "Vectors",
  "Where we differ from production"
]

/** Why a chapter's sections are not in the fixed order, or undefined if they are. */
export const sectionOrderProblem = (chapter: Chapter, required: ReadonlyArray<string> = CHAPTER_SECTIONS): string | undefined => {
  const sections = chapter.headings.filter((h) => h.depth === 2).map((h) => h.text)
  let from = 0
  for (const name of required) {
    const at = sections.indexOf(name, from)
    if (at < 0) {
      return sections.includes(name)
        ? `section "${name}" comes too early: the order is ${required.join(" → ")}; the chapter has ${sections.join(" → ")}`
        : `section "${name}" is missing; the chapter has ${sections.join(" → ")}`
    }
    from = at + 1
  }
  return undefined
}
