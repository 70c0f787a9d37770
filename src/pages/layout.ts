/** The frame of every HTML page the worker serves. */
import { html, raw } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'

const STYLE = `
:root { --text: #1f2328; --muted: #59636e; --accent: #0b5cad; --rule: #d1d9e0; --mark: #fff1a8; --target: #f3f7fc; }
* { box-sizing: border-box; }
body { margin: 0; font: 17px/1.6 Georgia, 'Times New Roman', serif; color: var(--text); background: #fff; }
header.site { position: sticky; top: 0; z-index: 5; background: #fff; font-family: system-ui, sans-serif; font-size: .9rem; padding: .8rem 1.2rem; border-bottom: 1px solid var(--rule); display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
header.site a.brand { font-weight: 700; color: var(--text); text-decoration: none; letter-spacing: .02em; }
header.site folio-search { flex: 1; min-width: 16rem; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1.2rem 4rem 4.5rem; }
a { color: var(--accent); }
mark { background: var(--mark); color: inherit; }
.facts { font-family: system-ui, sans-serif; font-size: .85rem; color: var(--muted); }
code, pre { font: 14px/1.5 ui-monospace, monospace; }
pre { background: #f6f8fa; border: 1px solid var(--rule); border-radius: 6px; padding: .8rem 1rem; overflow: auto; }
`

/** A page: every value escaped by the template, but the pages' own CSS (constant; escaped, its quotes would break). */
export function page(title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>, extraStyle = '') {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${raw(STYLE + extraStyle)}</style>
<script type="module" src="/widget.js"></script>
</head>
<body>
${body}
</body>
</html>`
}
