import MiniSearch, { type Query } from 'minisearch'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { random } from '../../bench/random'
import { readCorpus } from '../../index/corpus'
import { indexedText } from '../../index/documents'
import { evaluate } from '../../src/evaluate'
import { matchedTerms, type EvaluationInput, type Matches, type QueryNode } from '../../src/query-tree'
import type { TermInfo } from '../../src/format/lexicon'
import type { LoadedIndex } from '../../src/library'
import { surname } from '../../src/model'
import { CODE_BOOST, unitCode } from '../../src/rank'
import { termOf, words } from '../../src/text'
import { indexFolder, loadedIndex } from '../support/paged-index'
import { commonWordsCorpus, roundsIndex } from '../support/rounds'
import { tempDir } from '../support/temp'

/** The same query as MiniSearch takes it. */
function asMiniSearch(node: QueryNode): Query {
  if (node.op === 'term') return { queries: [node.term], tokenize: (t) => [t], processTerm: (t) => t, boostTerm: () => node.boost }
  return { combineWith: node.op.toUpperCase() as 'AND', queries: node.nodes.map(asMiniSearch) }
}

const byRank = (a: [number, number], b: [number, number]) => b[1] - a[1] || a[0] - b[0]

describe('evaluate', () => {
  let plain: MiniSearch<{ i: number; text: string }>
  let index: LoadedIndex
  let boost: Float64Array
  let terms: string[]
  let common: string[]

  beforeAll(async () => {
    const { documents, volumes } = await readCorpus('corpus')
    const surnames = new Map(volumes.flatMap((v) => (v.persons ?? []).map((p) => [p.id, surname(p)])))
    const units = documents.flatMap((d) => d.units.map((u) => ({ unit: u, type: d.type })))
    plain = new MiniSearch({ fields: ['text'], idField: 'i', tokenize: words, processTerm: termOf })
    plain.addAll(units.map(({ unit }, i) => ({ i, text: indexedText(unit, surnames) })))
    boost = Float64Array.from(units, ({ unit, type }) => CODE_BOOST[unitCode(unit.kind, type)]!)
    index = await loadedIndex()
    const json = JSON.parse(JSON.stringify(plain)) as { index: [string, Record<string, Record<string, number>>][] }
    const df = new Map(json.index.map(([t, fields]) => [t, Object.keys(fields['0'] ?? {}).length]))
    terms = [...df.keys()].sort()
    common = [...terms].sort((a, b) => df.get(b)! - df.get(a)!).slice(0, 200)
  })

  /** Every match of `root`, and the top 10 found with pruning, from the paged index. */
  async function run(root: QueryNode, exhaustive: number, stretch?: number, groups?: number) {
    const library = index.open()
    const infos = new Map<string, TermInfo>()
    const collect = (n: QueryNode): void => {
      if (n.op === 'term') infos.set(n.term, undefined as unknown as TermInfo)
      else n.nodes.forEach(collect)
    }
    collect(root)
    for (const t of [...infos.keys()]) {
      const entry = await library.lexicon.lookup(library.reader, t)
      if (entry?.term) infos.set(t, entry.term)
      else infos.delete(t)
    }
    const input: EvaluationInput = { root, terms: infos, forms: [], units: index.meta.units, averageLength: index.meta.averageLength }
    const found: [number, number, string[]][] = []
    const top: [number, number][] = []
    /** The first unit of each stretch evaluated, in the order they were. */
    const order: number[] = []
    const evaluation = await evaluate(library.postings, input, (m: Matches) => {
      if (m.units.length > 0) order.push(m.units[0]!)
      for (let i = 0; i < m.units.length; i++) {
        found.push([m.units[i]!, m.scores[i]!, matchedTerms(m, i).sort()])
        top.push([m.units[i]!, m.scores[i]!])
      }
      top.sort(byRank).splice(10)
    }, {
      budget: { postings: Infinity, pages: Infinity },
      exhaustive,
      cutoff: () => (top.length < 10 ? Infinity : -top[9]![1]),
      threshold: () => (top.length < 10 ? -Infinity : top[9]![1]),
      ...(stretch !== undefined && { stretch }),
      ...(groups !== undefined && { groups }),
    })
    return { found, top, evaluation, order }
  }

  /** A random tree of at most 32 terms, as a query's words are (a match's count of query terms is kept in 32 bits). */
  function tree(rand: () => number, depth: number): QueryNode {
    for (;;) {
      const node = anyTree(rand, depth)
      if (termCount(node) <= 32) return node
    }
  }

  function anyTree(rand: () => number, depth: number): QueryNode {
    if (depth === 0 || rand() < 0.3) {
      const term = rand() < 0.05 ? 'zzqxnotaterm' : rand() < 0.5 ? common[Math.floor(rand() * common.length)]! : terms[Math.floor(rand() * terms.length)]!
      return { op: 'term', term, boost: [1, 0.4, 0.5][Math.floor(rand() * 3)]! }
    }
    const op = (['or', 'and', 'and_not'] as const)[Math.floor(rand() * 3)]!
    // Up to six children: an OR of more than four is merged by a map over its units' range, of fewer by a merge.
    return { op, nodes: Array.from({ length: 2 + Math.floor(rand() * 5) }, () => anyTree(rand, depth - 1)) }
  }

  const termCount = (n: QueryNode): number => (n.op === 'term' ? 1 : n.nodes.reduce((sum, c) => sum + termCount(c), 0))

  it('scores and combines exactly as MiniSearch does, for 300 seeded query trees', async () => {
    const rand = random(7)
    for (let k = 0; k < 300; k++) {
      const node = tree(rand, 3)
      const expected = plain.search(asMiniSearch(node), { boostDocument: (id: number) => boost[id]! })
      const { found, evaluation } = await run(node, Infinity)
      expect(evaluation.complete).toBe(true)
      expect(found.map(([u, s]) => [u, s] as [number, number]).sort(byRank), JSON.stringify(node))
        .toEqual(expected.map((r) => [r.id as number, r.score] as [number, number]).sort(byRank))
      const termsOf = new Map(expected.map((r) => [r.id as number, [...r.terms].sort()]))
      for (const [u, , matched] of found) expect(matched).toEqual(termsOf.get(u))
    }
  })

  it('finds the same top 10 when it prunes by block bounds and scores only the units that can reach it', async () => {
    const rand = random(11)
    let pruned = 0
    for (let k = 0; k < 300; k++) {
      const node = tree(rand, 2)
      const expected = plain.search(asMiniSearch(node), { boostDocument: (id: number) => boost[id]! })
        .map((r) => [r.id as number, r.score] as [number, number]).sort(byRank).slice(0, 10)
      const { top, evaluation } = await run(node, 0, 0)
      if (!evaluation.complete) pruned++
      expect(top, JSON.stringify(node)).toEqual(expected)
    }
    expect(pruned).toBeGreaterThan(50)
  })

  it('evaluates the same intervals in the same order when it bounds them a group at a time, a group\'s own only when it comes up', async () => {
    const rand = random(13)
    let grouped = 0
    // Random trees, and ORs of the commonest words: many blocks each, so that a group's stretches start far into them.
    const commonest = (): QueryNode => ({ op: 'or', nodes: Array.from({ length: 2 + Math.floor(rand() * 3) }, () => ({ op: 'term', term: common[Math.floor(rand() * 20)]!, boost: 1 })) })
    for (let k = 0; k < 350; k++) {
      const node = k < 300 ? tree(rand, 3) : commonest()
      const one = await run(node, 0, 0)
      const { top, order, evaluation } = await run(node, 0, 0, 2)
      if (!evaluation.complete && one.order.length > 2) grouped++
      expect(top, JSON.stringify(node)).toEqual(one.top)
      expect(order, JSON.stringify(node)).toEqual(one.order)
    }
    expect(grouped).toBeGreaterThan(30)
  })
})

describe('evaluate, within a budget', () => {
  it('evaluates what the budget pays for when evaluating everything would pass it, never nothing', async () => {
    const index = await loadedIndex(commonWordsCorpus())
    const library = index.open()
    const [alpha, beta] = await Promise.all(['alpha', 'beta'].map(async (w) => (await library.lexicon.lookup(library.reader, w))!.term!))
    const root: QueryNode = { op: 'or', nodes: [alpha!, beta!].map((t) => ({ op: 'term', term: t.term, boost: 1 })) }
    const input = { root, terms: new Map([alpha!, beta!].map((t) => [t.term, t])), forms: [], units: index.meta.units, averageLength: index.meta.averageLength }
    let matches = 0
    // 32,000 postings: few enough to be evaluated whole (exact counts), more than the budget.
    const evaluation = await evaluate(library.postings, input, (m) => void (matches += m.units.length), { budget: { postings: 16_000, pages: Infinity }, exhaustive: 100_000 })
    expect(evaluation.cut).toBe('postings')
    expect(matches).toBeGreaterThan(1000)
    expect(library.postings.decoded).toBeLessThanOrEqual(16_000)
  })

  it('looks a common word up only where the rarer words meet when looking it up at every candidate would pass the budget', async () => {
    // `alpha` in every 40th of 24,000 paragraphs, `beta` in every 20th but beside `alpha` only in the last 2,000, `common` in all:
    // 50 paragraphs hold the three.
    const corpus = tempDir('folio-narrow-')
    for (let d = 0; d < 24; d++) {
      const paragraphs = Array.from({ length: 1000 }, (_, p) => {
        const n = d * 1000 + p
        return `Paragraph ${p}: common${n % 40 === 0 ? ' alpha' : ''}${(n >= 22_000 ? n % 40 === 0 : n % 20 === 10) ? ' beta' : ''}.`
      })
      writeFileSync(join(corpus, `d${d}.txt`), `${d + 1}. Document ${d}\n\n${paragraphs.join('\n\n')}`)
    }
    const index = await loadedIndex(corpus)
    const library = index.open()
    const found = await Promise.all(['alpha', 'beta', 'common'].map(async (w) => (await library.lexicon.lookup(library.reader, w))!.term!))
    const root: QueryNode = { op: 'and', nodes: found.map((t) => ({ op: 'term', term: t.term, boost: 1 })) }
    const input = { root, terms: new Map(found.map((t) => [t.term, t])), forms: [], units: index.meta.units, averageLength: index.meta.averageLength }
    let matches = 0
    // `common` at each of alpha's 600 units is a block of it for each: 24,000 postings. At the 50 where `beta` is too, 2,000.
    const evaluation = await evaluate(library.postings, input, (m) => void (matches += m.units.length), { budget: { postings: 8_000, pages: Infinity }, exhaustive: 0 })
    expect(matches).toBe(50)
    expect(evaluation.complete).toBe(true)
    expect(library.postings.decoded).toBeLessThanOrEqual(8_000)
  })
})

describe('evaluate, reading', () => {
  it("fetches a term's blocks with its skip table when its whole postings fit in that round of reads", async () => {
    const { index, log } = await roundsIndex(await indexFolder(commonWordsCorpus(), 16 * 1024))
    const library = index.open()
    const alpha = (await library.lexicon.lookup(library.reader, 'alpha'))!.term!
    // Its blocks lie on pages past its skip table's.
    const [first, last] = library.reader.streamSpan(alpha.postings, alpha.postingsBytes)
    const [, skipLast] = library.reader.streamSpan(alpha.postings, alpha.skipBytes)
    expect(last).toBeGreaterThan(skipLast)
    expect(last - first + 1).toBeLessThanOrEqual(6)
    const before = log.length
    let matches = 0
    const input = { root: { op: 'term', term: alpha.term, boost: 1 } as QueryNode, terms: new Map([[alpha.term, alpha]]), forms: [], units: index.meta.units, averageLength: index.meta.averageLength }
    await evaluate(library.postings, input, (m) => void (matches += m.units.length), { budget: { postings: Infinity, pages: Infinity }, exhaustive: Infinity })
    expect(matches).toBe(8000)
    expect(log.length - before).toBe(1)
  })

  it("fetches the other terms' blocks in the round of reads that fetches the drivers' blocks", async () => {
    const { index, log } = await roundsIndex(await indexFolder(commonWordsCorpus(), 16 * 1024))
    const library = index.open()
    const [alpha, beta] = await Promise.all(['alpha', 'beta'].map(async (w) => (await library.lexicon.lookup(library.reader, w))!.term!))
    await Promise.all([library.postings.skips(alpha!), library.postings.skips(beta!)])
    const [before, fetched] = [log.length, library.reader.fetched]
    const root: QueryNode = { op: 'and', nodes: [alpha!, beta!].map((t) => ({ op: 'term', term: t.term, boost: 1 })) }
    let matches = 0
    const input = { root, terms: new Map([alpha!, beta!].map((t) => [t.term, t])), forms: [], units: index.meta.units, averageLength: index.meta.averageLength }
    // One interval, exactly evaluated: the drivers' blocks (alpha's) and beta's at their units.
    await evaluate(library.postings, input, (m) => void (matches += m.units.length), { budget: { postings: Infinity, pages: Infinity }, exhaustive: 0, stretch: 10_000 })
    expect(matches).toBe(8000)
    expect(library.reader.fetched - fetched).toBeGreaterThan(1)
    expect(log.length - before).toBe(1)
  })

  it("fetches the positions a phrase's candidates will need in the round of reads that fetches the blocks", async () => {
    const { index, log } = await roundsIndex(await indexFolder(commonWordsCorpus(), 64 * 1024))
    const library = index.open()
    const [alpha, beta] = await Promise.all(['alpha', 'beta'].map(async (w) => (await library.lexicon.lookup(library.reader, w))!.term!))
    await Promise.all([library.postings.skips(alpha!), library.postings.skips(beta!)])
    const before = log.length
    const root: QueryNode = { op: 'and', nodes: [alpha!, beta!].map((t) => ({ op: 'term', term: t.term, boost: 1 })) }
    const input = { root, terms: new Map([alpha!, beta!].map((t) => [t.term, t])), forms: [], units: index.meta.units, averageLength: index.meta.averageLength }
    // The consumer reads nothing: the positions of alpha (the phrase's word here) are fetched because they are named.
    await evaluate(library.postings, input, () => {}, { budget: { postings: Infinity, pages: Infinity }, exhaustive: 0, stretch: 10_000, positioned: new Set([alpha!.term]) })
    const rounds = log.slice(before)
    expect(rounds).toHaveLength(1)
    expect(rounds[0]!.some((p) => p.includes('/postings.'))).toBe(true)
    expect(rounds[0]!.some((p) => p.includes('/positions.'))).toBe(true)
  })
})
