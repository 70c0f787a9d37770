/**
 * `<folio-search>`: a search box any page gets with one script tag.
 *
 *   <script type="module" src="https://folio.example/widget.js"></script>
 *   <folio-search placeholder="Search the letters"></folio-search>
 *
 * Attributes: `api` (the worker's origin; default: the origin this script was
 * loaded from), `placeholder`, `limit` (results shown, 1–20, default 8).
 * Theming: the CSS custom properties below, set on the element or above it.
 *
 * A standard web component with its own shadow DOM and no dependencies. It is
 * an ARIA combobox: arrows move through the suggestions and results, Enter
 * opens one, Escape closes the list. Document text only ever enters the page
 * as text nodes (snippets are rebuilt from `snippet_text` and `highlights`).
 * Each result carries a `<folio-cite>` button that copies its citation.
 */
import type { Hit, SearchResponse, SuggestResponse } from '../src/api/schema'
import './folio-cite'

/** What a snippet is drawn from. */
type Highlighted = Pick<Hit, 'snippet_text' | 'highlights'>

/** Options with their defaults, documented where they are read. */
const defaults = {
  placeholder: 'Search the documents',
  limit: 8,
  /** Wait after the last keystroke before asking the worker. */
  debounceMs: 150,
  suggestions: 4,
}

const STYLE = `
:host {
  --folio-font: system-ui, sans-serif;
  --folio-text: #1f2328;
  --folio-muted: #59636e;
  --folio-bg: #ffffff;
  --folio-border: #d1d9e0;
  --folio-accent: #0b5cad;
  --folio-active: #eef4fb;
  --folio-mark: #fff1a8;
  --folio-radius: 8px;
  display: block;
  position: relative;
  font-family: var(--folio-font);
  color: var(--folio-text);
  max-width: 44rem;
}
input {
  box-sizing: border-box;
  width: 100%;
  font: inherit;
  font-size: 1.05rem;
  padding: .7rem .9rem;
  color: var(--folio-text);
  background: var(--folio-bg);
  border: 1px solid var(--folio-border);
  border-radius: var(--folio-radius);
}
input:focus { outline: 2px solid var(--folio-accent); outline-offset: 1px; }
.panel {
  position: absolute; z-index: 10; left: 0; right: 0; margin-top: .3rem;
  background: var(--folio-bg); border: 1px solid var(--folio-border); border-radius: var(--folio-radius);
  box-shadow: 0 8px 24px rgb(0 0 0 / .12); max-height: 70vh; overflow: auto;
}
.panel[hidden] { display: none; }
.status { padding: .6rem .9rem; color: var(--folio-muted); font-size: .9rem; }
.status:empty { display: none; }
ul { list-style: none; margin: 0; padding: 0; }
li { padding: .6rem .9rem; cursor: pointer; border-top: 1px solid var(--folio-border); }
li.suggestion { padding: .35rem .9rem; border-top: none; color: var(--folio-muted); }
li.suggestion b { color: var(--folio-text); font-weight: 600; }
li[aria-selected="true"] { background: var(--folio-active); }
.meta { font-size: .8rem; color: var(--folio-muted); display: flex; gap: .5rem; flex-wrap: wrap; align-items: center; margin-bottom: .2rem; }
.meta folio-cite { margin-left: auto; }
.kind { text-transform: uppercase; letter-spacing: .04em; font-weight: 600; color: var(--folio-accent); }
.title { font-weight: 600; font-size: .95rem; }
.snippet { font-size: .92rem; line-height: 1.45; margin-top: .2rem; }
mark { background: var(--folio-mark); color: inherit; padding: 0 .05em; border-radius: 2px; }
.notes { font-size: .8rem; color: var(--folio-muted); margin-top: .3rem; }
.notes span + span::before { content: " · "; }
`

/** Where this script was loaded from: the default API origin. */
const SCRIPT_ORIGIN = new URL(import.meta.url).origin

export class FolioSearch extends HTMLElement {
  static observedAttributes = ['placeholder']

  readonly #input: HTMLInputElement
  readonly #panel: HTMLDivElement
  readonly #status: HTMLDivElement
  readonly #list: HTMLUListElement
  #timer: ReturnType<typeof setTimeout> | undefined
  #inflight: AbortController | undefined
  /** The option elements, in order, and what choosing each does. */
  #options: { element: HTMLLIElement; choose: () => void }[] = []
  #active = -1

  constructor() {
    super()
    const root = this.attachShadow({ mode: 'open' })
    const style = document.createElement('style')
    style.textContent = STYLE
    this.#input = element('input', {
      type: 'search', role: 'combobox', autocomplete: 'off', spellcheck: 'false',
      'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'folio-listbox', 'aria-label': 'Search',
    })
    this.#panel = element('div', { class: 'panel', hidden: '' })
    this.#status = element('div', { class: 'status', role: 'status', 'aria-live': 'polite' })
    this.#list = element('ul', { id: 'folio-listbox', role: 'listbox', 'aria-label': 'Suggestions and results' })
    this.#panel.append(this.#status, this.#list)
    root.append(style, this.#input, this.#panel)
    this.#input.addEventListener('input', () => this.#schedule())
    this.#input.addEventListener('keydown', (e) => this.#key(e))
    this.#input.addEventListener('focus', () => {
      if (this.#options.length > 0 || this.#status.textContent) this.#open(true)
    })
    this.addEventListener('focusout', (e) => {
      if (!this.contains(e.relatedTarget as Node | null) && !root.contains(e.relatedTarget as Node | null)) this.#open(false)
    })
  }

  connectedCallback(): void {
    this.#input.placeholder = this.getAttribute('placeholder') ?? defaults.placeholder
  }

  attributeChangedCallback(): void {
    this.connectedCallback()
  }

  get #api(): string {
    return (this.getAttribute('api') ?? SCRIPT_ORIGIN).replace(/\/+$/, '')
  }

  get #limit(): number {
    const n = Number(this.getAttribute('limit'))
    return Number.isInteger(n) && n >= 1 && n <= 20 ? n : defaults.limit
  }

  #schedule(): void {
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => void this.#search(), defaults.debounceMs)
  }

  /** Searches for what the box holds now, not after the typing pause. */
  #searchNow(): void {
    clearTimeout(this.#timer)
    void this.#search()
  }

  async #search(): Promise<void> {
    const q = this.#input.value
    this.#inflight?.abort()
    if (q.trim() === '') {
      this.#render([], undefined, '')
      this.#open(false)
      return
    }
    const inflight = (this.#inflight = new AbortController())
    this.setAttribute('aria-busy', 'true')
    this.#status.textContent = 'Searching…'
    this.#open(true)
    try {
      const [suggestions, answer] = await Promise.all([
        this.#get<SuggestResponse>(`/suggest?${new URLSearchParams({ q, limit: String(defaults.suggestions) })}`, inflight.signal)
          .then((r) => r.suggestions)
          .catch(() => [] as SuggestResponse['suggestions']),
        this.#get<SearchResponse>(`/search?${new URLSearchParams({ q, limit: String(this.#limit) })}`, inflight.signal),
      ])
      this.#render(suggestions.filter((s) => s.text.toLowerCase() !== q.toLowerCase()), answer, q)
    } catch (e) {
      if ((e as Error).name === 'AbortError') return
      this.#render([], undefined, q)
      this.#status.textContent = `Search is unavailable: ${(e as Error).message}`
    } finally {
      if (this.#inflight === inflight) this.removeAttribute('aria-busy')
    }
  }

  async #get<T>(path: string, signal: AbortSignal): Promise<T> {
    const res = await fetch(this.#api + path, { signal })
    const body = await res.json().catch(() => undefined)
    if (!res.ok) throw new Error(body?.error?.message ?? `HTTP ${res.status}`)
    return body as T
  }

  #render(suggestions: SuggestResponse['suggestions'], answer: SearchResponse | undefined, q: string): void {
    this.#list.replaceChildren()
    this.#options = []
    this.#active = -1
    this.#input.removeAttribute('aria-activedescendant')
    for (const s of suggestions) {
      const li = this.#option('suggestion')
      const typed = s.text.slice(0, s.text.length - s.word.length)
      li.append(typed, element('b', {}, s.word))
      this.#options.push({ element: li, choose: () => this.#fill(s.text) })
    }
    for (const hit of answer?.hits ?? []) {
      const li = this.#option('result')
      const meta = element('div', { class: 'meta' })
      meta.append(element('span', { class: 'kind' }, hit.kind === 'footnote' ? `Note ${hit.label ?? hit.n}` : hit.kind))
      if (hit.number) meta.append(element('span', {}, `Doc. ${hit.number}`))
      if (hit.date) meta.append(element('span', {}, hit.date))
      if (hit.page !== null) meta.append(element('span', {}, `p. ${hit.page}`))
      meta.append(element('folio-cite', { text: hit.citation.text }))
      const snippet = element('div', { class: 'snippet' })
      snippet.append(...highlighted(hit))
      li.append(meta, element('div', { class: 'title' }, hit.title), snippet)
      if (hit.kind !== 'footnote' && hit.notes.length > 0) {
        const notes = element('div', { class: 'notes' })
        notes.append('Notes: ')
        for (const n of hit.notes) notes.append(element('span', { title: n.text }, `${n.label ?? n.n}. ${clip(n.text, 90)}`))
        li.append(notes)
      }
      this.#options.push({ element: li, choose: () => this.#openHit(hit, q) })
    }
    const ignored = answer?.ignored ?? []
    const also = (answer?.expansions ?? []).map((e) => ` ${e.query} also searched as “${e.also}”.`).join('') +
      (ignored.length > 0 ? ` Searched without the common ${ignored.length === 1 ? 'word' : 'words'} ${ignored.map((w) => `“${w}”`).join(', ')}.` : '')
    if (!answer) this.#status.textContent = ''
    else if (answer.total === 0) this.#status.textContent = `No results for “${q}”.${also}`
    else if (answer.partial && answer.full === 0) this.#status.textContent = `No passage has every word; ${answer.total} closest matches.${also}`
    else if (answer.partial) this.#status.textContent = `${answer.full} with every word, then ${answer.total - answer.full} with some.${also}`
    else this.#status.textContent = `${answer.total} result${answer.total === 1 ? '' : 's'}.${also}`
    this.#open(true)
  }

  #option(kind: 'suggestion' | 'result'): HTMLLIElement {
    const index = this.#options.length
    const li = element('li', { role: 'option', class: kind, id: `folio-option-${index}`, 'aria-selected': 'false' })
    li.addEventListener('mousedown', (e) => e.preventDefault())
    li.addEventListener('click', () => this.#options[index]!.choose())
    this.#list.append(li)
    return li
  }

  #key(e: KeyboardEvent): void {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (this.#options.length === 0) return
      e.preventDefault()
      this.#open(true)
      const next = this.#active + (e.key === 'ArrowDown' ? 1 : -1)
      // Past the last option is back to the input (-1); above the input, the last option.
      this.#select(next < -1 ? this.#options.length - 1 : next)
    } else if (e.key === 'Enter') {
      const option = this.#options[this.#active]
      if (option) {
        e.preventDefault()
        option.choose()
      } else this.#searchNow()
    } else if (e.key === 'Escape') {
      // Not the browser's own Escape, which empties a search box at once: the first closes the list, the second empties the box.
      e.preventDefault()
      if (this.#panel.hidden) {
        this.#input.value = ''
        this.#searchNow()
      } else this.#open(false)
    }
  }

  #select(index: number): void {
    this.#active = index >= this.#options.length || index < 0 ? -1 : index
    this.#options.forEach((o, i) => o.element.setAttribute('aria-selected', String(i === this.#active)))
    const active = this.#options[this.#active]
    if (active) {
      this.#input.setAttribute('aria-activedescendant', active.element.id)
      active.element.scrollIntoView({ block: 'nearest' })
    } else this.#input.removeAttribute('aria-activedescendant')
  }

  #fill(text: string): void {
    this.#input.value = text.endsWith(' ') ? text : `${text} `
    this.#input.focus()
    this.#schedule()
  }

  #openHit(hit: Hit, q: string): void {
    const url = new URL(hit.url)
    url.searchParams.set('q', q)
    this.dispatchEvent(new CustomEvent('folio-open', { detail: { hit, url: url.href }, bubbles: true, composed: true }))
    window.location.href = url.href
  }

  #open(open: boolean): void {
    this.#panel.hidden = !open
    this.#input.setAttribute('aria-expanded', String(open))
    if (!open) this.#select(-1)
  }
}

/** A snippet as nodes: text, and the highlighted words in `<mark>`. */
function highlighted({ snippet_text: text, highlights }: Highlighted): Node[] {
  const nodes: Node[] = []
  let at = 0
  for (const [start, end] of highlights) {
    if (start > at) nodes.push(document.createTextNode(text.slice(at, start)))
    nodes.push(element('mark', {}, text.slice(start, end)))
    at = end
  }
  nodes.push(document.createTextNode(text.slice(at)))
  return nodes
}

function clip(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, text.lastIndexOf(' ', length))}…`
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string>, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value)
  if (text !== undefined) el.textContent = text
  return el
}

if (!customElements.get('folio-search')) customElements.define('folio-search', FolioSearch)

declare global {
  interface HTMLElementTagNameMap {
    'folio-search': FolioSearch
  }
}
