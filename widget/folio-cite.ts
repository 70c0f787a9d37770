/**
 * `<folio-cite text="…">`: a small button that copies a citation. Used on the
 * reading pages and in the search results; a host page may use it too.
 */

const STYLE = `
:host { display: inline-block; }
button {
  font: 600 .75rem system-ui, sans-serif; color: var(--folio-accent, #0b5cad); background: transparent;
  border: 1px solid currentColor; border-radius: 4px; padding: .1rem .4rem; cursor: pointer;
}
button:focus-visible { outline: 2px solid var(--folio-accent, #0b5cad); outline-offset: 1px; }
.done { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
`

export class FolioCite extends HTMLElement {
  readonly #button: HTMLButtonElement
  readonly #status: HTMLSpanElement

  constructor() {
    super()
    const root = this.attachShadow({ mode: 'open' })
    const style = document.createElement('style')
    style.textContent = STYLE
    this.#button = document.createElement('button')
    this.#button.type = 'button'
    this.#button.textContent = 'Cite'
    this.#status = document.createElement('span')
    this.#status.className = 'done'
    this.#status.setAttribute('role', 'status')
    root.append(style, this.#button, this.#status)
    this.#button.addEventListener('mousedown', (e) => e.preventDefault())
    this.#button.addEventListener('click', (e) => {
      e.stopPropagation()
      void this.copy()
    })
  }

  connectedCallback(): void {
    this.#button.title = `Copy the citation: ${this.text}`
    this.#button.setAttribute('aria-label', 'Copy the citation')
  }

  get text(): string {
    return this.getAttribute('text') ?? ''
  }

  async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.text)
    } catch {
      // No clipboard API (an insecure page): copy through a selection.
      const area = document.createElement('textarea')
      area.value = this.text
      document.body.append(area)
      area.select()
      document.execCommand('copy')
      area.remove()
    }
    this.#button.textContent = 'Copied'
    this.#status.textContent = 'Citation copied'
    this.dispatchEvent(new CustomEvent('folio-cited', { detail: { text: this.text }, bubbles: true, composed: true }))
    setTimeout(() => {
      this.#button.textContent = 'Cite'
      this.#status.textContent = ''
    }, 2000)
  }
}

if (!customElements.get('folio-cite')) customElements.define('folio-cite', FolioCite)

declare global {
  interface HTMLElementTagNameMap {
    'folio-cite': FolioCite
  }
}
