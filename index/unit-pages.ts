/**
 * Cuts the units, in reading order, into pages of text and facts, with the
 * heads of their documents (src/format/units.ts). A page holds whole units;
 * the build ends a page where a group of corpus files ends too, so that an
 * unchanged group keeps its pages.
 */
import { encodeBlobs, unitFacts, type DocumentHead } from '../src/format/units'
import type { Unit } from '../src/model'
import { UNITS_PAGE } from '../src/format/packs'
import { encodePack } from '../src/pack'

export class UnitPagesWriter {
  #texts: Uint8Array[] = []
  #facts: Uint8Array[] = []
  #heads: Uint8Array[] = []
  #doc: string | undefined
  #bytes = 0
  #units = 0
  readonly #encoder = new TextEncoder()
  /** Each page's first unit (counted from the writer's first). */
  readonly firsts: number[] = []

  constructor(
    readonly pageBytes: number,
    readonly write: (page: Uint8Array) => void,
  ) {}

  /** Adds a unit of the document `head` describes (units in reading order, documents in corpus order). */
  add(unit: Unit, head: DocumentHead): void {
    const text = this.#encoder.encode(unit.text)
    const facts = this.#encoder.encode(JSON.stringify(unitFacts(unit)))
    if (this.#texts.length > 0 && this.#bytes + text.length + facts.length > this.pageBytes) this.end()
    if (this.#texts.length === 0) this.firsts.push(this.#units)
    if (this.#doc !== head.id) {
      const bytes = this.#encoder.encode(JSON.stringify(head))
      this.#heads.push(bytes)
      this.#bytes += bytes.length
      this.#doc = head.id
    }
    this.#texts.push(text)
    this.#facts.push(facts)
    this.#bytes += text.length + facts.length
    this.#units++
  }

  /** Ends the page being filled, if any. */
  end(): void {
    if (this.#texts.length === 0) return
    const text = encodeBlobs(this.#texts)
    const facts = encodeBlobs(this.#facts)
    const heads = encodeBlobs(this.#heads)
    this.write(encodePack(UNITS_PAGE, {
      text: text.bytes, textStart: text.start, facts: facts.bytes, factsStart: facts.start, heads: heads.bytes, headsStart: heads.start,
    }, {}))
    this.#texts = []
    this.#facts = []
    this.#heads = []
    this.#doc = undefined
    this.#bytes = 0
  }
}
