/**
 * Test helper: turns a documentation example (a runnable MDX block or a doc comment's `@example`)
 * into a TypeScript module under `test/docs/.generated/` that the test imports to run it, and
 * type-checks those modules.
 *
 * Import specifiers are rewritten on the TypeScript syntax tree (import and export declarations,
 * `import()` calls and `import("…")` types): a relative specifier is resolved from the example's
 * home (the chapter's folder, or the source file's) and made relative to the generated file; a
 * package self-reference `filflow/<path>` (the form the doc comments use) becomes the source file
 * `src/<path>.js`.  Nothing else changes and no line is added or removed inside the example, so a
 * line of the generated file maps to a line of its origin by a fixed offset (the header is one line).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join, relative, resolve, sep } from "node:path"
import { pathToFileURL } from "node:url"
import ts from "typescript"

/** The folder the examples are generated into (gitignored by its own .gitignore). */
export const GENERATED = "test/docs/.generated"

/** Lines the generator puts above an example's first line. */
export const HEADER_LINES = 1

/** A specifier relative to `toDir` for the absolute path `target`, with `/` separators and a leading `./` or `../`. */
const relativeSpecifier = (toDir: string, target: string): string => {
  const rel = relative(toDir, target).split(sep).join("/")
  return rel.startsWith(".") ? rel : `./${rel}`
}

/**
 * `code` with every relative import specifier re-rooted from `fromDir` to `toDir` and every
 * `filflow/<path>` self-reference pointed at `<root>/src/<path>.js`.
 */
export const rewriteImports = (code: string, root: string, fromDir: string, toDir: string): string => {
  const sf = ts.createSourceFile("example.ts", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const edits: Array<{ start: number; end: number; text: string }> = []
  const rewrite = (lit: ts.Node | undefined): void => {
    if (lit === undefined || !ts.isStringLiteral(lit)) return
    const spec = lit.text
    let target: string | undefined
    if (spec.startsWith("./") || spec.startsWith("../")) target = resolve(fromDir, spec)
    else if (spec.startsWith("filflow/")) target = join(root, "src", `${spec.slice("filflow/".length).replace(/\.js$/, "")}.js`)
    if (target !== undefined) edits.push({ start: lit.getStart(sf), end: lit.getEnd(), text: JSON.stringify(relativeSpecifier(toDir, target)) })
  }
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) rewrite(node.moduleSpecifier)
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) rewrite(node.arguments[0])
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) rewrite(node.argument.literal)
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return edits
    .sort((a, b) => b.start - a.start)
    .reduce((text, e) => text.slice(0, e.start) + e.text + text.slice(e.end), code)
}

/** Empties (and creates) one subfolder of the generated folder; each test file owns its own. */
export const freshDir = (root: string, sub: string): string => {
  const dir = join(root, GENERATED, sub)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  return dir
}

/** Writes one example module: a one-line header naming its origin, then the rewritten code. */
export const writeExample = (root: string, file: string, origin: string, fromDir: string, code: string): string => {
  mkdirSync(dirname(file), { recursive: true })
  const body = rewriteImports(code, root, fromDir, dirname(file))
  writeFileSync(file, `// Generated from ${origin} by test/docs; do not edit.\n${body}${body.endsWith("\n") ? "" : "\n"}`)
  return file
}

/** Runs a generated example by importing it; an example states its results with `assert`, so a wrong one throws. */
export const runExample = async (file: string): Promise<void> => {
  await import(pathToFileURL(file).href)
}

/** A type error in a generated file, at a 1-based line of that file. */
export interface TypeProblem {
  readonly file: string
  readonly line: number
  readonly message: string
}

/**
 * Type-checks generated examples with the repository's compiler options (`tsconfig.json`): only
 * the diagnostics of those files are reported (the sources they import are checked by `tsc`).
 */
export const typecheck = (root: string, files: ReadonlyArray<string>): ReadonlyArray<TypeProblem> => {
  const configPath = join(root, "tsconfig.json")
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, { noEmit: true }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n")) }
  })
  if (parsed === undefined) throw new Error(`cannot read ${configPath}`)
  const program = ts.createProgram({ rootNames: [...files], options: { ...parsed.options, noEmit: true, incremental: false } })
  return files.flatMap((file) => {
    const sf = program.getSourceFile(file)
    if (sf === undefined) return [{ file, line: 0, message: "not part of the program" }]
    return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].map((d) => ({
      file,
      line: d.start === undefined ? 0 : sf.getLineAndCharacterOfPosition(d.start).line + 1,
      message: ts.flattenDiagnosticMessageText(d.messageText, "\n")
    }))
  })
}
