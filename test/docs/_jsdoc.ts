/**
 * Test helper: the `@example`s of doc comments, read with the TypeScript parser, and turned into
 * runnable modules.
 *
 * - An example is the ```` ```ts ```` blocks of the tag's text (read as Markdown), or, if it has
 *   none, the whole text (the TSDoc convention for a bare example).
 * - It is *self-contained* if it imports what it uses: it has at least one import declaration.
 *   Examples that import nothing refer to names the reader is meant to supply (`sv`, `key`…) and
 *   are listed, not run.
 * - A result claim `expr // => value` (or `// => value` on the next line) becomes
 *   `deepStrictEqual(expr, value)` when `value` is a plain literal (numbers, bigints, strings,
 *   booleans, null, undefined, arrays and objects of those); otherwise the claim is listed as not
 *   checked and `expr` still runs.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { createProcessor } from "@mdx-js/mdx"
import ts from "typescript"

/** One `@example` of one exported declaration. */
export interface DocExample {
  /** The source file, from the repository root. */
  readonly file: string
  /** The documented declaration. */
  readonly symbol: string
  /** 1-based line of the `@example` tag. */
  readonly line: number
  /** The example's code. */
  readonly code: string
}

/** An example ready to run, or the reason it cannot be. */
export interface PreparedExample {
  readonly example: DocExample
  /** The code to run, with the mappable claims turned into assertions; undefined if not self-contained. */
  readonly runnable: string | undefined
  /** Claims that are checked. */
  readonly checked: ReadonlyArray<string>
  /** Claims whose value is not a plain literal, left unchecked. */
  readonly unchecked: ReadonlyArray<string>
}

interface MdNode { readonly type: string; readonly lang?: string | null; readonly value?: string; readonly children?: ReadonlyArray<MdNode> }

/** The ts code blocks of an example's Markdown text, or the whole text if it has no fenced block. */
const codeOf = (text: string): string => {
  const tree = createProcessor({ format: "md" }).parse(text) as unknown as MdNode
  const blocks: Array<string> = []
  const visit = (n: MdNode): void => {
    if (n.type === "code" && (n.lang === "ts" || n.lang === "typescript")) blocks.push(n.value ?? "")
    for (const c of n.children ?? []) visit(c)
  }
  visit(tree)
  return blocks.length > 0 ? blocks.join("\n") : text
}

const nameOf = (st: ts.Statement): string => {
  if (ts.isVariableStatement(st)) return st.declarationList.declarations.map((d) => d.name.getText()).join(", ")
  const named = st as ts.Statement & { readonly name?: ts.Node }
  return named.name?.getText() ?? "(anonymous)"
}

/** Every `@example` of the top-level declarations of `file`. */
export const docExamples = (root: string, file: string): Array<DocExample> => {
  const sf = ts.createSourceFile(file, readFileSync(join(root, file), "utf8"), ts.ScriptTarget.Latest, true)
  return sf.statements.flatMap((st) => ts.getJSDocCommentsAndTags(st).flatMap((doc) =>
    ts.isJSDoc(doc) ? (doc.tags ?? []).filter((t) => t.tagName.text === "example").map((t) => ({
      file,
      symbol: nameOf(st),
      line: sf.getLineAndCharacterOfPosition(t.getStart(sf)).line + 1,
      code: codeOf(ts.getTextOfJSDocComment(t.comment) ?? "")
    })) : []))
}

const LITERAL_KINDS = new Set([
  ts.SyntaxKind.ParenthesizedExpression, ts.SyntaxKind.ObjectLiteralExpression, ts.SyntaxKind.PropertyAssignment,
  ts.SyntaxKind.ArrayLiteralExpression, ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral, ts.SyntaxKind.TrueKeyword,
  ts.SyntaxKind.FalseKeyword, ts.SyntaxKind.NullKeyword, ts.SyntaxKind.PrefixUnaryExpression
])

/** Whether `value` parses as one plain literal expression (see the module comment). */
export const isPlainLiteral = (value: string): boolean => {
  const source = `(${value})`
  const diagnostics = ts.transpileModule(source, { reportDiagnostics: true }).diagnostics ?? []
  if (diagnostics.length > 0) return false
  const sf = ts.createSourceFile("value.ts", source, ts.ScriptTarget.Latest, true)
  const [st, ...rest] = sf.statements
  if (st === undefined || rest.length > 0 || !ts.isExpressionStatement(st)) return false
  const ok = (n: ts.Node): boolean => {
    // an identifier only as a property name, or `undefined`
    if (ts.isIdentifier(n)) return (ts.isPropertyAssignment(n.parent) && n.parent.name === n) || n.text === "undefined"
    if (ts.isPrefixUnaryExpression(n) && n.operator !== ts.SyntaxKind.MinusToken) return false
    if (!LITERAL_KINDS.has(n.kind)) return false
    const children: Array<ts.Node> = []
    ts.forEachChild(n, (c) => { children.push(c) })
    return children.every(ok)
  }
  return ok(st.expression)
}

/** The assertion helper's local name in generated code. */
const ASSERT = "__docExampleResult"

/** Prepares an example: finds its claims, turns the plain ones into assertions. */
export const prepare = (example: DocExample): PreparedExample => {
  const code = example.code
  const sf = ts.createSourceFile("example.ts", code, ts.ScriptTarget.Latest, true)
  const selfContained = sf.statements.some(ts.isImportDeclaration)
  const checked: Array<string> = []
  const unchecked: Array<string> = []
  const edits: Array<{ start: number; end: number; text: string }> = []
  for (const st of sf.statements) {
    if (!ts.isExpressionStatement(st)) continue
    // on the same line (a trailing comment) or on the lines after it (leading comments of what follows)
    const claim = [...(ts.getTrailingCommentRanges(code, st.end) ?? []), ...(ts.getLeadingCommentRanges(code, st.end) ?? [])]
      .map((r) => code.slice(r.pos, r.end))
      .find((c) => c.startsWith("// =>"))
    if (claim === undefined) continue
    const value = claim.slice("// =>".length).trim()
    const expr = st.expression.getText(sf)
    if (isPlainLiteral(value)) {
      checked.push(`${expr} // => ${value}`)
      edits.push({ start: st.getStart(sf), end: st.end, text: `${ASSERT}((${expr}), (${value}));` })
    } else {
      unchecked.push(`${expr} // => ${value}`)
    }
  }
  if (!selfContained) return { example, runnable: undefined, checked, unchecked }
  const body = edits.sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), code)
  // the helper's import goes last: imports are hoisted, and the example keeps its line numbers
  const runnable = checked.length > 0 ? `${body}\nimport { deepStrictEqual as ${ASSERT} } from "node:assert/strict"\n` : body
  return { example, runnable, checked, unchecked }
}
