/**
 * Random tests are reproducible (STYLE.md, house rules: "Random tests are seeded (fast-check
 * `seed`, fixed `numRuns`)"): every property of the test files under {@link CHECKED} states its
 * `seed` and `numRuns`, and no test file draws from an unseeded source (`Math.random`,
 * `crypto.randomBytes`, `crypto.getRandomValues`, `crypto.randomUUID`).  Without a seed,
 * @fast-check/vitest seeds each run from the clock, so a property that passed once may fail on the
 * next run with other inputs.  The files are read with the TypeScript parser, so the options may
 * span lines.
 */
import { readdirSync, readFileSync } from "node:fs"
import { join, relative } from "node:path"
import ts from "typescript"
import { describe, expect, it } from "vitest"

const ROOT = join(import.meta.dirname, "..", "..")
/**
 * The folders whose test files are checked.  test/model and test/refinement are to be added once
 * every property there is seeded.
 */
const CHECKED = ["test/proofs", "test/conformance", "test/cli", "test/docs", "test/scripts", "test/impl", "test/model", "test/refinement"]
const UNSEEDED_SOURCES = /\bMath\.random\s*\(|\brandomBytes\s*\(|\bgetRandomValues\s*\(|\brandomUUID\s*\(/

/** The names an options object literal gives itself, or undefined if `node` is not one. */
const optionNames = (node: ts.Expression | undefined): Set<string> | undefined =>
  node !== undefined && ts.isObjectLiteralExpression(node)
    ? new Set(node.properties.flatMap((p) => (p.name !== undefined && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? [p.name.text] : [])))
    : undefined

/**
 * The problems of one source text, as `line: what`: a `test.prop`/`it.prop` call or an `fc.assert`
 * whose options do not name both `seed` and `numRuns`, and every call of an unseeded random source.
 */
const randomnessProblems = (fileName: string, text: string): Array<string> => {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true)
  const problems: Array<string> = []
  const at = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const { expression: target, name } = node.expression
      const owner = ts.isIdentifier(target) ? target.text : ""
      const isProp = name.text === "prop" && (owner === "test" || owner === "it")
      const isAssert = name.text === "assert" && owner === "fc"
      if (isProp || isAssert) {
        const names = optionNames(node.arguments[1])
        const missing = ["seed", "numRuns"].filter((k) => names === undefined || !names.has(k))
        if (missing.length > 0) problems.push(`${at(node)}: ${owner}.${name.text} without ${missing.join(" and ")}`)
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  text.split("\n").forEach((line, i) => {
    if (UNSEEDED_SOURCES.test(line)) problems.push(`${i + 1}: unseeded random source: ${line.trim()}`)
  })
  return problems
}

const testFiles = (dir: string): Array<string> =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    if (e.name.startsWith(".") || e.name === "fixtures") return []
    const path = `${dir}/${e.name}`
    return e.isDirectory() ? testFiles(path) : /\.(ts|mts|mjs)$/.test(e.name) ? [path] : []
  })

describe("random tests are seeded", () => {
  it("the check finds an unseeded property, an fc.assert without numRuns, options on other lines, and Math.random", () => {
    const text = [
      "test.prop([fc.nat()])(\"a\", (n) => {})",
      "test.prop([fc.nat()], { numRuns: 5 })(\"b\", (n) => {})",
      "it.prop([fc.nat()], {",
      "  seed: 1,",
      "  numRuns: 5",
      "})(\"c\", (n) => {})",
      "fc.assert(fc.property(fc.nat(), () => true), { seed: 3 })",
      "const x = Math.random()"
    ].join("\n")
    expect(randomnessProblems("x.ts", text)).toEqual([
      "1: test.prop without seed and numRuns",
      "2: test.prop without seed",
      "7: fc.assert without numRuns",
      "8: unseeded random source: const x = Math.random()"
    ])
  })

  it(`every property under ${CHECKED.join(", ")} states its seed and numRuns; nothing draws unseeded randomness`, () => {
    const self = relative(ROOT, import.meta.filename)
    const files = CHECKED.flatMap(testFiles).filter((f) => f !== self)
    // the scan reaches the files that hold properties
    expect(files).toContain("test/proofs/pip.test.ts")
    expect(files).toContain("test/proofs/native/hashPairs.test.ts")
    expect(files).toContain("test/impl/vm/vm.test.ts")
    const problems = files.flatMap((f) => randomnessProblems(f, readFileSync(join(ROOT, f), "utf8")).map((p) => `${f}:${p}`))
    expect(problems).toEqual([])
  })
})
