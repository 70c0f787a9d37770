import MiniSearch, { type Query } from 'minisearch'
import { beforeAll, describe, expect, it } from 'vitest'
import { readCorpus } from '../../index/corpus'
import { packIndex } from '../../index/pack-index'
import { buildVocabulary } from '../../index/write-index'
import type { PackMeta } from '../../src/artifacts'
import { indexOptions, type IndexedUnit } from '../../src/engine'
import type { Unit } from '../../src/model'
import { Pack } from '../../src/pack'
import { findTerm, packedMiniSearch } from '../../src/packed-index'
import { random } from '../../bench/corpus'

describe('packedMiniSearch', () => {
  let units: Unit[]
  let plain: MiniSearch<IndexedUnit>
  let packed: MiniSearch<IndexedUnit>
  let terms: string[]

  beforeAll(async () => {
    units = (await readCorpus('corpus')).documents.flatMap((d) => d.units)
    const built = new MiniSearch<IndexedUnit>(indexOptions)
    built.addAll(units.map((u, i) => ({ i, text: u.text })))
    plain = MiniSearch.loadJSON(JSON.stringify(built), indexOptions)
    const pack = new Pack<PackMeta>(packIndex(units, built, buildVocabulary(units)).pack.slice().buffer)
    terms = pack.strings('terms')
    packed = packedMiniSearch({
      terms, start: pack.array('start', 'u32'), docs: pack.array('docs', 'u32'), freqs: pack.array('freqs', 'u16'),
      lengths: pack.array('lengths', 'u16'), averageLength: pack.meta.averageLength,
    })
  })

  const exact = (term: string): Query => ({ queries: [term], tokenize: (t: string) => [t], processTerm: (t: string) => t })

  it('gives the same results and scores as MiniSearch.loadJSON, for 300 seeded queries', () => {
    const rand = random(7)
    const pick = () => terms[Math.floor(rand() * terms.length)]!
    const boostDocument = (id: number) => 1 + (id % 3)
    for (let k = 0; k < 300; k++) {
      const words = Array.from({ length: 1 + (k % 3) }, pick)
      const combineWith = (['AND', 'OR', 'AND_NOT'] as const)[k % 3]
      const query: Query = { combineWith, queries: words.map(exact) }
      const expected = plain.search(query, { boostDocument })
      const actual = packed.search(query, { boostDocument })
      expect(actual.map((r) => [r.id, r.score, r.terms]), JSON.stringify(words)).toEqual(expected.map((r) => [r.id, r.score, r.terms]))
    }
  })

  it('finds nothing for a term the index lacks', () => {
    expect(packed.search(exact('zzzzqx'))).toEqual([])
    expect(findTerm(terms, 'zzzzqx')).toBe(-1)
    expect(findTerm(terms, terms[0]!)).toBe(0)
    expect(findTerm(terms, terms.at(-1)!)).toBe(terms.length - 1)
  })
})
