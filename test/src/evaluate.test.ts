import MiniSearch, { type Query } from 'minisearch'
import { beforeAll, describe, expect, it } from 'vitest'
import { random } from '../../bench/corpus'
import { readCorpus } from '../../index/corpus'
import { packIndex } from '../../index/pack-index'
import { buildVocabulary } from '../../index/write-index'
import type { PackMeta } from '../../src/artifacts'
import { indexOptions, type IndexedUnit } from '../../index/engine'
import { evaluate, findTerm, matchedTerms, type Postings, type QueryNode } from '../../src/evaluate'
import { Pack } from '../../src/pack'

/** The same query as MiniSearch takes it. */
function asMiniSearch(node: QueryNode): Query {
  if (node.op === 'term') return { queries: [node.term], tokenize: (t) => [t], processTerm: (t) => t, boostTerm: () => node.boost }
  return { combineWith: node.op.toUpperCase() as 'AND', queries: node.nodes.map(asMiniSearch) }
}

describe('evaluate', () => {
  let plain: MiniSearch<IndexedUnit>
  let postings: Postings
  let boost: Float64Array

  beforeAll(async () => {
    const units = (await readCorpus('corpus')).documents.flatMap((d) => d.units)
    const built = new MiniSearch<IndexedUnit>(indexOptions)
    built.addAll(units.map((u, i) => ({ i, text: u.text })))
    plain = MiniSearch.loadJSON(JSON.stringify(built), indexOptions)
    const pack = new Pack<PackMeta>(packIndex(units, built, buildVocabulary(units)).pack.slice().buffer)
    postings = {
      terms: pack.strings('terms'), start: pack.array('start', 'u32'), docs: pack.array('docs', 'u32'),
      freqs: pack.array('freqs', 'u16'), lengths: pack.array('lengths', 'u16'), averageLength: pack.meta.averageLength,
    }
    boost = Float64Array.from(units, (_, i) => [1, 0.8, 3, 1.5][i % 4]!)
  })

  it('scores and combines exactly as MiniSearch does, for 400 seeded query trees', () => {
    const rand = random(7)
    const { terms } = postings
    // Common terms too: half the picks come from the 200 terms with the most postings.
    const common = [...terms.keys()].sort((a, b) => (postings.start[b + 1]! - postings.start[b]!) - (postings.start[a + 1]! - postings.start[a]!)).slice(0, 200)
    const term = (): QueryNode => ({
      op: 'term',
      term: terms[rand() < 0.5 ? common[Math.floor(rand() * common.length)]! : Math.floor(rand() * terms.length)]!,
      boost: [1, 0.4, 0.5][Math.floor(rand() * 3)]!,
    })
    const tree = (depth: number): QueryNode => {
      if (depth === 0 || rand() < 0.3) return term()
      const op = (['or', 'and', 'and_not'] as const)[Math.floor(rand() * 3)]!
      return { op, nodes: Array.from({ length: 2 + Math.floor(rand() * 2) }, () => tree(depth - 1)) }
    }
    const byRank = (a: [number, number], b: [number, number]) => b[1] - a[1] || a[0] - b[0]
    for (let k = 0; k < 400; k++) {
      const node = tree(3)
      const expected = plain.search(asMiniSearch(node), { boostDocument: (id: number) => boost[id]! })
      const actual = evaluate(postings, node, boost)
      expect(
        Array.from(actual.docs, (d, i) => [d, actual.scores[i]!] as [number, number]).sort(byRank),
        JSON.stringify(node),
      ).toEqual(expected.map((r) => [r.id as number, r.score] as [number, number]).sort(byRank))
      const terms = new Map(expected.map((r) => [r.id, [...r.terms].sort()]))
      actual.docs.forEach((d, i) => expect(matchedTerms(actual, i).sort()).toEqual(terms.get(d)))
    }
  })

  it('finds nothing for a term the index lacks', () => {
    expect(evaluate(postings, { op: 'term', term: 'zzzzqx', boost: 1 }, boost).docs).toHaveLength(0)
    expect(findTerm(postings.terms, 'zzzzqx')).toBe(-1)
    expect(findTerm(postings.terms, postings.terms[0]!)).toBe(0)
    expect(findTerm(postings.terms, postings.terms.at(-1)!)).toBe(postings.terms.length - 1)
  })
})
