/**
 * Every citation in the repository must be checkable by a reader of the repository alone: it names
 * the upstream source itself (repository, path, release tag or commit), never our private notes
 * (a markdown file of numbered "§x" sections kept beside the repository, outside it), which are
 * not part of the repository.  The patterns are assembled from parts so that this file does not
 * itself contain the text it looks for.
 */
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative } from "node:path"
import { describe, expect, it } from "vitest"

const ROOT = join(import.meta.dirname, "..", "..")
const SCANNED = ["src", "spec", "test", "conformance", "scripts", "vectors", "docs", "README.md"]
const SELF = relative(ROOT, import.meta.filename)
/** Build output, dependencies and generated or hidden folders are not sources. */
const SKIPPED_DIRS = new Set(["node_modules", "dist", "build"])
const FACTS = "facts"
const NOTES = new RegExp([`${FACTS} §`, `filecoin-${FACTS}`, "shared/reference"].join("|"))

/** The lines of `text` that cite the notes, as `line: text`. */
const notesCitations = (text: string): Array<string> =>
  text.split("\n").flatMap((line, i) => (NOTES.test(line) ? [`${i + 1}: ${line.trim()}`] : []))

const filesUnder = (path: string): Array<string> => {
  const full = join(ROOT, path)
  if (!statSync(full, { throwIfNoEntry: false })) return []
  if (statSync(full).isFile()) return [path]
  return readdirSync(full, { withFileTypes: true }).flatMap((e) => {
    if (e.name.startsWith(".") || (e.isDirectory() && SKIPPED_DIRS.has(e.name))) return []
    const child = join(path, e.name)
    return e.isDirectory() ? filesUnder(child) : e.isFile() ? [child] : []
  })
}

describe("citations a reader can follow", () => {
  it("the check finds each form of a citation of the notes, and passes an upstream citation", () => {
    // each line below is a form that appeared in the repository before the notes were replaced
    const forms = [`x (${FACTS} §5.2)`, "y", `Sources: filecoin-${FACTS} §5.1; z`, "../shared/reference/x.md"]
    expect(notesCitations(forms.join("\n"))).toEqual([`1: ${forms[0]}`, `3: ${forms[2]}`, `4: ${forms[3]}`])
    expect(notesCitations("filecoin-project/builtin-actors actors/paych/src/lib.rs @ v18.0.0")).toEqual([])
  })

  it("no file under src, spec, test, conformance, scripts, vectors, docs or README.md cites the notes", () => {
    const files = SCANNED.flatMap(filesUnder).filter((f) => f !== SELF)
    // the scan reaches every kind of file that carried such citations
    for (const dir of ["src/proofs/native", "scripts/vectors", "vectors/proofs", "test/proofs"]) {
      expect(files.some((f) => f.startsWith(dir))).toBe(true)
    }
    const offending = files.flatMap((f) => notesCitations(readFileSync(join(ROOT, f), "utf8")).map((l) => `${f}:${l}`))
    expect(offending).toEqual([])
  })
})
