/**
 * The docs build (docs/build.ts, docs/html.ts): every chapter renders to a complete HTML page —
 * headings with anchors and a table of contents, runnable blocks and excerpts marked, relative
 * links re-rooted to where the page is written — without writing anything.
 *
 * The API reference half (typedoc over typedoc.json) takes 20–40 s, over this suite's budget, so it
 * runs here only when FILFLOW_DOCS_TYPEDOC=1 is set; `npm run docs` always runs it.
 */
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { chapterPaths, renderChapter } from "../../docs/build.js"
import { Fragment, Html, htmlRuntime } from "../../docs/html.js"

const ROOT = fileURLToPath(new URL("../..", import.meta.url))

describe.each(chapterPaths(ROOT))("%s renders to HTML", (path) => {
  it("with its title, anchors, contents, marked blocks and re-rooted links", async () => {
    const { chapter, html } = await renderChapter(ROOT, path)
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain(`<title>${chapter.title}</title>`)
    for (const h of chapter.headings) expect(html).toContain(`id="${h.id}"`)
    expect(html).toContain('<nav class="toc">')
    const count = (s: string) => html.split(s).length - 1
    expect(count('data-run="true"')).toBe(chapter.blocks.filter((b) => b.meta.run).length)
    expect(count("<code class=\"language-tla\" data-source=")).toBe(chapter.blocks.filter((b) => b.lang === "tla").length)
    // links written relative to spec/ point from docs/spec/ to the same file
    for (const [, href] of html.matchAll(/<a href="([^"#]+)"/g)) {
      if (href !== undefined && !/^[a-z]+:/.test(href) && href !== "../index.html" && href !== "../api/index.html") expect(href).toMatch(/^\.\.\/\.\.\//)
    }
    expect(html).not.toContain("<table>\n</table>")
  })
})

describe("the HTML runtime", () => {
  const { jsx } = htmlRuntime((u) => `rebased/${u}`)

  it("escapes text and attributes, renders void elements, styles, fragments and components", () => {
    const Bold = (props: Readonly<Record<string, unknown>>) => jsx("b", { children: props["children"] })
    const out = jsx(Fragment, {
      children: [
        jsx("p", { className: "x", title: 'a "q"', children: ["1 < 2 & ", jsx(Bold, { children: "bold" })] }),
        jsx("br", {}),
        jsx("td", { style: { textAlign: "right" }, children: 3 }),
        jsx("a", { href: "x.md", children: "link" }),
        null, false
      ]
    })
    expect(out).toBeInstanceOf(Html)
    expect(out.html).toBe('<p class="x" title="a &quot;q&quot;">1 &lt; 2 &amp; <b>bold</b></p><br><td style="text-align: right">3</td><a href="rebased/x.md">link</a>')
  })
})

describe("typedoc", () => {
  it.runIf(process.env["FILFLOW_DOCS_TYPEDOC"] === "1")("converts the entry points of typedoc.json without errors", async () => {
    const { Application } = await import("typedoc")
    const app = await Application.bootstrapWithPlugins({ options: `${ROOT}/typedoc.json`, emit: "none" })
    const project = await app.convert()
    expect(project).toBeDefined()
    if (project !== undefined) app.validate(project)
    expect(app.logger.errorCount).toBe(0)
  }, 120_000)
})
