/** The demo page: what Folio is, its search box live on the corpus, and the two lines to embed it. */
import { html } from 'hono/html'
import type { Library } from '../library'
import { page } from './layout'

const STYLE = `
main { padding-left: 1.2rem; }
h1 { font: 700 2rem system-ui, sans-serif; margin: .5rem 0 .3rem; }
.lead { font-size: 1.1rem; color: var(--muted); margin-top: 0; }
folio-search { margin: 1.5rem 0 1rem; }
.try { font-family: system-ui, sans-serif; font-size: .9rem; color: var(--muted); }
.try code { background: #f6f8fa; padding: .1rem .35rem; border-radius: 4px; }
h2 { font: 600 1.1rem system-ui, sans-serif; margin-top: 2.2rem; }
`

export function homePage(library: Library, origin: string) {
  const { counts } = library.manifest
  const snippet = `<script type="module" src="${origin}/widget.js"></script>\n<folio-search placeholder="Search the documents"></folio-search>`
  return page(
    'Folio — search for archival documents',
    html`<header class="site"><a class="brand" href="/">Folio</a><span class="facts">Full-text search for archival documents, from a Cloudflare Worker</span></header>
<main>
<h1>Folio</h1>
<p class="lead">Search the <em>Foreign Relations of the United States</em>: ${counts.documents} documents, ${counts.paragraphs} paragraphs and ${counts.footnotes} footnotes, every hit with its page and its notes.</p>
<folio-search placeholder="Try: Krasnoyarsk, Okinawa reversion, &quot;June 20&quot;, treaty -ABM"></folio-search>
<p class="try">Words are all required; <code>"exact phrase"</code>, <code>-word</code> to exclude, <code>a OR b</code>, <code>negot*</code>. Typos are forgiven (<code>Shevardnaze</code>). Arrows move through the results, Enter opens one, Escape closes the list.</p>
<h2>Add it to your site</h2>
<p>Two lines of HTML; nothing else is fetched from anywhere but this worker:</p>
<pre><code>${snippet}</code></pre>
<p class="facts">Attributes: <code>api</code> (this worker's address; by default where the script came from), <code>placeholder</code>, <code>limit</code>. Colours and fonts follow the CSS custom properties <code>--folio-font</code>, <code>--folio-text</code>, <code>--folio-accent</code>, <code>--folio-bg</code>, <code>--folio-border</code>, <code>--folio-mark</code>, <code>--folio-radius</code>.</p>
<h2>The API</h2>
<p>JSON, open to every origin: <a href="/search?q=Krasnoyarsk">/search?q=Krasnoyarsk</a>, <a href="/suggest?q=Krasn">/suggest</a>, <a href="/documents">/documents</a>, <a href="/health">/health</a>, described in <a href="/openapi.json">/openapi.json</a>.</p>
</main>`,
    STYLE,
  )
}
