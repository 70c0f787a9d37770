/**
 * Cuts the units, in reading order, into pages of text and facts
 * (src/format/units.ts). A page holds whole units; the build ends a page
 * where a corpus file ends too, so that an unchanged volume keeps its pages.
 */
import { unitFacts } from '../src/format/units'
import type { Unit } from '../src/model'
import { encodePack } from '../src/pack'

export class UnitPagesWriter {
  #texts: Uint8Array[] = []
  #facts: string[] = []
  #bytes = 0
  #units = 0
  readonly #encoder = new TextEncoder()
  /** Each page's first unit (counted from the writer's first). */
  readonly firsts: number[] = []

  constructor(
    readonly pageBytes: number,
    readonly write: (page: Uint8Array) => void,
  ) {}

  add(unit: Unit): void {
    const text = this.#encoder.encode(unit.text)
    const facts = JSON.stringify(unitFacts(unit))
    if (this.#texts.length > 0 && this.#bytes + text.length + facts.length > this.pageBytes) this.end()
    if (this.#texts.length === 0) this.firsts.push(this.#units)
    this.#texts.push(text)
    this.#facts.push(facts)
    this.#bytes += text.length + facts.length
    this.#units++
  }

  /** Ends the page being filled, if any. */
  end(): void {
    if (this.#texts.length === 0) return
    const textStart = new Uint32Array(this.#texts.length + 1)
    this.#texts.forEach((t, i) => (textStart[i + 1] = textStart[i]! + t.length))
    const text = new Uint8Array(textStart[this.#texts.length]!)
    this.#texts.forEach((t, i) => text.set(t, textStart[i]!))
    this.write(encodePack({ text, textStart, facts: this.#facts }, {}))
    this.#texts = []
    this.#facts = []
    this.#bytes = 0
  }
}
