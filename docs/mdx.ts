/**
 * Reading the MDX chapters of `spec/`: one compile with `@mdx-js/mdx` (a syntax error throws, with
 * the line), and, from the same pass, the chapter's headings and fenced code blocks taken from the
 * Markdown syntax tree (mdast), each block with its language, its meta flags, its text, the line of
 * its opening fence and the headings it sits under.
 *
 * Used by the docs build (`docs/build.ts`, which renders the chapters to HTML) and by the test
 * harness (`test/docs/mdx.test.ts`, which runs the examples and checks the excerpts).
 *
 * Code-block conventions (the meta string after the language):
 * - ```` ```ts run ```` — a runnable example: the test suite runs it (and type-checks it).
 * - ```` ```tla source="spec/tla/PaymentChannel.tla" ```` — an excerpt: the test suite checks
 *   that its text appears verbatim in that file.
 * - ```` ```ts static ```` — neither: shown only (every `ts`/`tla` block must say which it is).
 *
 * @module
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { compile, type CompileOptions } from "@mdx-js/mdx"
import remarkGfm from "remark-gfm"

/** The meta flags of a fenced code block. */
export interface BlockMeta {
  /** `run`: a runnable example. */
  readonly run: boolean
  /** `static`: shown only, neither run nor checked. */
  readonly static: boolean
  /** `source="path"`: an excerpt that must appear verbatim in that file (path from the repository root). */
  readonly source: string | undefined
  /** The meta string as written. */
  readonly raw: string
}

/** A fenced code block of a chapter. */
export interface CodeBlock {
  /** The info string's language (`ts`, `tla`, `json`…), if any. */
  readonly lang: string | undefined
  readonly meta: BlockMeta
  /** The block's text, without the fences. */
  readonly value: string
  /** 1-based line of the opening fence in the .mdx file. */
  readonly line: number
  /** The headings above the block, outermost first, without the chapter title (the h1). */
  readonly headings: ReadonlyArray<string>
}

/** A heading of a chapter, with the anchor id the HTML gives it. */
export interface Heading {
  readonly depth: number
  readonly text: string
  readonly id: string
}

/** One chapter: its path from the repository root, its title (the h1), headings and code blocks. */
export interface Chapter {
  readonly path: string
  readonly title: string
  readonly headings: ReadonlyArray<Heading>
  readonly blocks: ReadonlyArray<CodeBlock>
}

/** The mdast nodes this module reads (a structural subset of the `mdast` types). */
interface MdNode {
  readonly type: string
  readonly children?: ReadonlyArray<MdNode>
  readonly value?: string
  readonly lang?: string | null
  readonly meta?: string | null
  readonly depth?: number
  readonly position?: { readonly start: { readonly line: number } }
  data?: { hProperties?: Record<string, string> }
}

/** The languages whose blocks must be marked `run`, `source=…` or `static`. */
export const CHECKED_LANGUAGES: ReadonlySet<string> = new Set(["ts", "typescript", "tla"])

/** Parses a code block's meta string: bare flags and `key="value"` / `key=value` pairs. */
export const parseMeta = (raw: string | null | undefined): BlockMeta => {
  const text = raw ?? ""
  const flags = new Set<string>()
  const pairs = new Map<string, string>()
  for (const m of text.matchAll(/([A-Za-z][\w-]*)(?:=(?:"([^"]*)"|(\S+)))?/g)) {
    const value = m[2] ?? m[3]
    if (value === undefined) flags.add(m[1]!)
    else pairs.set(m[1]!, value)
  }
  return { run: flags.has("run"), static: flags.has("static"), source: pairs.get("source"), raw: text }
}

/** The plain text of a node (the `mdast-util-to-string` rule: values of all descendants). */
const textOf = (node: MdNode): string => node.value ?? (node.children ?? []).map(textOf).join("")

/** A heading's anchor: lower case, runs of anything but letters and digits turned into one `-`. */
export const slug = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "")

interface Collected {
  title: string
  readonly headings: Array<Heading>
  readonly blocks: Array<CodeBlock>
}

/**
 * A remark plugin that walks the tree once: records headings and code blocks into `into`, gives each
 * heading an `id` and marks each code block's `<code>` with `data-run` / `data-source` for the HTML.
 */
const collect = (into: Collected) => () => (tree: MdNode): void => {
  const stack: Array<{ depth: number; text: string }> = []
  const used = new Map<string, number>()
  const visit = (node: MdNode): void => {
    if (node.type === "heading") {
      const depth = node.depth ?? 1
      const text = textOf(node)
      const base = slug(text)
      const n = used.get(base) ?? 0
      used.set(base, n + 1)
      const id = n === 0 ? base : `${base}-${n}`
      node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id } }
      into.headings.push({ depth, text, id })
      if (depth === 1 && into.title === "") into.title = text
      while (stack.length > 0 && stack[stack.length - 1]!.depth >= depth) stack.pop()
      if (depth > 1) stack.push({ depth, text })
      return
    }
    if (node.type === "code") {
      const meta = parseMeta(node.meta)
      const props: Record<string, string> = {}
      if (meta.run) props["data-run"] = "true"
      if (meta.source !== undefined) props["data-source"] = meta.source
      node.data = { ...node.data, hProperties: { ...node.data?.hProperties, ...props } }
      into.blocks.push({
        lang: node.lang ?? undefined,
        meta,
        value: node.value ?? "",
        line: node.position?.start.line ?? 0,
        headings: stack.map((h) => h.text)
      })
      return
    }
    for (const child of node.children ?? []) visit(child)
  }
  visit(tree)
}

/** The options every chapter is compiled with (GFM for tables). */
export const mdxOptions = (extraRemark: CompileOptions["remarkPlugins"] = []): CompileOptions => ({
  remarkPlugins: [remarkGfm, ...(extraRemark ?? [])]
})

/**
 * Compiles a chapter and reads it.  Throws if the MDX does not compile (the error names the line).
 *
 * @param root the repository root
 * @param path the chapter's path from the root, e.g. `spec/payment-channel.mdx`
 * @param outputFormat `function-body` for {@link https://mdxjs.com/packages/mdx/#evaluatefile-options | evaluate}-style
 *   code (the docs build runs it), `program` otherwise
 */
export const readChapter = async (
  root: string, path: string, outputFormat: "program" | "function-body" = "program"
): Promise<{ readonly chapter: Chapter; readonly code: string }> => {
  const value = readFileSync(join(root, path), "utf8")
  const into: Collected = { title: "", headings: [], blocks: [] }
  const file = await compile({ path: join(root, path), value }, { ...mdxOptions([collect(into)]), outputFormat })
  return { chapter: { path, title: into.title, headings: into.headings, blocks: into.blocks }, code: String(file.value) }
}

/** Where a block is in its chapter, for messages and test names: `spec/x.mdx:12 (Section › Sub)`. */
export const locate = (chapter: Chapter, block: CodeBlock): string =>
  `${chapter.path}:${block.line}${block.headings.length > 0 ? ` (${block.headings.join(" › ")})` : ""}`

/**
 * Why a block breaks the chapter conventions, or undefined if it keeps them: a `ts`/`tla` block
 * must be exactly one of `run`, `source=…`, `static`; only `ts` blocks can run.
 */
export const conventionProblem = (block: CodeBlock): string | undefined => {
  const kinds = [block.meta.run, block.meta.source !== undefined, block.meta.static].filter(Boolean).length
  if (block.lang !== undefined && CHECKED_LANGUAGES.has(block.lang) && kinds !== 1) {
    return `a \`${block.lang}\` block must be marked exactly one of run, source="…", static (meta: "${block.meta.raw}")`
  }
  if (block.meta.run && block.lang !== "ts" && block.lang !== "typescript") return `only ts blocks can run, not ${block.lang ?? "unlabelled"}`
  return undefined
}

/**
 * Why an excerpt is not verbatim in its source file, or undefined if it is.  Line endings and
 * trailing spaces are ignored; everything else must match, in one contiguous run.
 */
export const excerptProblem = (root: string, block: CodeBlock): string | undefined => {
  if (block.meta.source === undefined) return undefined
  const norm = (s: string) => s.replace(/\r\n?/g, "\n").split("\n").map((l) => l.trimEnd()).join("\n")
  let text: string
  try {
    text = norm(readFileSync(join(root, block.meta.source), "utf8"))
  } catch {
    return `source file ${block.meta.source} cannot be read`
  }
  const excerpt = norm(block.value)
  if (excerpt.trim() === "") return "the excerpt is empty"
  if (text.includes(excerpt)) return undefined
  const lines = new Set(text.split("\n"))
  const missing = excerpt.split("\n").find((l) => !lines.has(l))
  return missing !== undefined
    ? `not verbatim in ${block.meta.source}: no line reads ${JSON.stringify(missing)}`
    : `not verbatim in ${block.meta.source}: every line exists, but not together in this order`
}
