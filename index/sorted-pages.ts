/**
 * A sorted table cut into pages (tantivy's sstable, Lucene's terms
 * dictionary): keys in code-unit order, each with its value's bytes, written
 * as page files of about `pageBytes`. What stays resident in the worker is a
 * sparse index: every `step`-th key, and where each page starts; a lookup
 * reads one page.
 */
import { SORTED_PAGE } from '../src/format/packs'
import { encodePack } from '../src/pack'
import type { SortedIndex } from '../src/format/layout'
import type { IndexOutput } from './output'

export class SortedPagesWriter {
  readonly #keys: string[] = []
  readonly #values: Uint8Array[] = []
  #bytes = 0
  #count = 0
  #previous: string | undefined
  readonly index: SortedIndex = { step: 0, keys: [], pages: [], shared: [] }

  constructor(
    readonly output: IndexOutput,
    readonly kind: string,
    readonly pageBytes: number,
    step: number,
  ) {
    this.index.step = step
  }

  add(key: string, value: Uint8Array): void {
    if (this.#previous !== undefined && !(this.#previous < key)) {
      throw new Error(`folio: ${this.kind} keys out of order: ${JSON.stringify(this.#previous)} before ${JSON.stringify(key)}`)
    }
    this.#previous = key
    const { step } = this.index
    if (this.#count % step === 0) {
      // Pages end only where a step of keys does, so that the sparse index finds every key's page.
      if (this.#bytes >= this.pageBytes) this.#flush()
      this.index.keys.push(key)
      this.index.shared.push(key.length)
    } else {
      // What every key of the step shares: the first key's start, as far as this key agrees.
      const first = this.index.keys.at(-1)!
      let d = 0
      while (d < this.index.shared.at(-1)! && first.charCodeAt(d) === key.charCodeAt(d)) d++
      this.index.shared[this.index.shared.length - 1] = d
    }
    if (this.#keys.length === 0) this.index.pages.push(this.#count)
    this.#keys.push(key)
    this.#values.push(value)
    this.#bytes += key.length + value.length + 4
    this.#count++
  }

  #flush(): void {
    const valueStart = new Uint32Array(this.#values.length + 1)
    this.#values.forEach((v, i) => (valueStart[i + 1] = valueStart[i]! + v.length))
    const values = new Uint8Array(valueStart[this.#values.length]!)
    this.#values.forEach((v, i) => values.set(v, valueStart[i]!))
    this.output.write(this.kind, encodePack(SORTED_PAGE, { keys: this.#keys, valueStart, values }, {}))
    this.#keys.length = 0
    this.#values.length = 0
    this.#bytes = 0
  }

  finish(): SortedIndex {
    if (this.#keys.length > 0) this.#flush()
    if (!this.output.files.has(this.kind)) this.output.files.set(this.kind, [])
    return this.index
  }
}
