/**
 * A JSX runtime that renders to HTML text, so the docs build can run compiled MDX without React:
 * `jsx(type, props)` returns an {@link Html} value, components are called, text is escaped.  Also
 * the page templates of the built site.
 *
 * @module
 */

/** Rendered HTML (already escaped). */
export class Html {
  constructor(readonly html: string) {}
}

/** The fragment marker MDX passes as an element type. */
export const Fragment: unique symbol = Symbol("Fragment")

/** Elements that have no closing tag. */
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"])

/** Escapes text for an HTML text node. */
export const escapeHtml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")

const escapeAttribute = (s: string): string => escapeHtml(s).replace(/"/g, "&quot;")

const renderChildren = (c: unknown): string => {
  if (c === null || c === undefined || typeof c === "boolean") return ""
  if (Array.isArray(c)) return c.map(renderChildren).join("")
  if (c instanceof Html) return c.html
  return escapeHtml(String(c))
}

/** `textAlign` → `text-align`. */
const kebab = (s: string): string => s.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)

const ATTRIBUTE_NAMES: Readonly<Record<string, string>> = { className: "class", htmlFor: "for" }

const renderAttribute = (name: string, value: unknown, href: (url: string) => string): string => {
  if (name === "children" || value === undefined || value === null || value === false) return ""
  const attr = ATTRIBUTE_NAMES[name] ?? name
  if (value === true) return ` ${attr}`
  if (name === "style" && typeof value === "object") {
    const css = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${kebab(k)}: ${String(v)}`).join("; ")
    return ` style="${escapeAttribute(css)}"`
  }
  const text = Array.isArray(value) ? value.join(" ") : String(value)
  return ` ${attr}="${escapeAttribute(attr === "href" || attr === "src" ? href(text) : text)}"`
}

/** Props as MDX passes them. */
type Props = Readonly<Record<string, unknown>>

/** A component: props in, rendered HTML out. */
type Component = (props: Props) => unknown

/**
 * A JSX runtime (`jsx`, `jsxs`, `Fragment`) rendering to {@link Html}; `href` rewrites every
 * `href` and `src` (the docs build re-roots relative links from `spec/` to where the page is written).
 */
export const htmlRuntime = (href: (url: string) => string = (u) => u) => {
  const jsx = (type: unknown, props: Props): Html => {
    if (typeof type === "function") {
      const out = (type as Component)(props)
      return out instanceof Html ? out : new Html(renderChildren(out))
    }
    const children = renderChildren(props["children"])
    if (type === Fragment) return new Html(children)
    const tag = String(type)
    const attributes = Object.entries(props).map(([k, v]) => renderAttribute(k, v, href)).join("")
    return new Html(VOID.has(tag) ? `<${tag}${attributes}>` : `<${tag}${attributes}>${children}</${tag}>`)
  }
  return { Fragment, jsx, jsxs: jsx }
}

const STYLE = `
body { font: 16px/1.55 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
nav.toc { font-size: 0.9rem; border-left: 3px solid #ddd; padding-left: 1rem; margin: 1rem 0 2rem; }
nav.toc ul { list-style: none; padding-left: 1rem; margin: 0; }
code { font: 0.9em ui-monospace, monospace; background: #f4f4f4; padding: 0 0.2em; }
pre { background: #f6f8fa; padding: 0.8rem; overflow-x: auto; position: relative; }
pre code { background: none; padding: 0; }
code[data-run]::before, code[data-source]::before { display: block; font: 0.75rem system-ui, sans-serif; color: #555; margin-bottom: 0.4rem; }
code[data-run]::before { content: "▶ runs in the test suite (npx vitest run test/docs)"; }
code[data-source]::before { content: "verbatim from " attr(data-source) " (checked by the test suite)"; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 0.92rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; vertical-align: top; }
`

/** A complete page. */
export const page = (title: string, body: string, extraHead = ""): string =>
  `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>${extraHead}
</head>
<body>
${body}
</body>
</html>
`

/** A table of contents from a chapter's headings (levels 2 and 3). */
export const tableOfContents = (headings: ReadonlyArray<{ readonly depth: number; readonly text: string; readonly id: string }>): string => {
  const items = headings.filter((h) => h.depth === 2 || h.depth === 3)
    .map((h) => `<li style="margin-left: ${(h.depth - 2) * 1.2}rem"><a href="#${escapeAttribute(h.id)}">${escapeHtml(h.text)}</a></li>`)
  return `<nav class="toc"><strong>Contents</strong><ul>${items.join("")}</ul></nav>`
}
