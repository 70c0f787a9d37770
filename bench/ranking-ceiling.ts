/**
 * How far an order of Folio's matches could take the book-index score
 * (bench/book-index.ts), and how far an order learned from the volume's own
 * index does: the evidence behind docs/relevance.md's "How far ranking can go".
 *
 * For each entry of the index, Folio's first `depth` matches, found with its
 * budgets lifted, are a pool. On the pools it measures nDCG@10 of:
 * - Folio's order;
 * - the best order (relevant units first), and the best that keeps units
 *   holding every word first, as Folio must;
 * - a linear order of {@link SIGNALS} a search engine can compute, units
 *   holding every word first, its weights fit by coordinate ascent on nDCG@10
 *   (Metzler and Croft 2007, as RankLib does it): fit on every entry, and
 *   cross-validated (fit on one half of the entries, judged on the other, both
 *   ways round).
 *
 * `npx tsx bench/ranking-ceiling.ts volume.xml [depth…] [--without N,N…]`:
 * depths 110 (what Folio reorders for a first page of ten) and 1000 unless
 * given; `--without` leaves signals out of the learned order.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { parseArgs } from 'node:util'
import { readCorpus } from '../index/corpus'
import type { Library } from '../src/library'
import type { Document } from '../src/model'
import { COMMON_WORDS } from '../src/query/parse'
import { bm25, inverseFrequency } from '../src/rank'
import { search, searchLimits, type SearchLimits } from '../src/query/search'
import { tokenize } from '../src/text'
import { judged, ndcg10, readBookIndex, unitPlaces, type Judgement } from './book-index'
import { engine, loadFolio } from './engines'

/** One entry's matches, in Folio's order, with what the judgement says of them. */
export interface Pool {
  /** Relevant units the corpus holds, up to ten: the length of the ideal ranking. */
  ideal: number
  relevant: readonly boolean[]
  /** Whether each match holds every word of the query. */
  every: readonly boolean[]
  /** {@link SIGNALS} of each match, one match after another. */
  signals: Float64Array
}

/** What the learned order weighs, each for a match of a query. */
export const SIGNALS = [
  'share of the query words the unit holds',
  'share of the query terms its document holds',
  'log(1 + score)',
  '1 / (1 + its rank in Folio)',
  "its document's matches in the pool, to 20, / 20",
  "1 / (1 + the rank of its document's best match)",
  "log(1 + the sum of its document's matches' scores)",
  "share of the query terms in its document's title",
  'a title',
  'a head',
  'a footnote',
  "log(its document's units) / 5",
  "its document's BM25+ over its whole text, over the pool's best",
] as const
const FOLIO_RANK = 3

/** nDCG@10 of a pool ranked in this order (match indices, best first). */
export function poolNdcg(pool: Pool, order: readonly number[]): number {
  return ndcg10(order.slice(0, 10).map((i) => pool.relevant[i]!), pool.ideal)
}

/** The best order of a pool: relevant matches first, and with `everyFirst` only within the matches holding every word, then the rest. */
export function bestOrder(pool: Pool, everyFirst: boolean): number[] {
  const tier = (i: number) => (everyFirst && !pool.every[i] ? 2 : 0) + (pool.relevant[i] ? 0 : 1)
  return pool.relevant.map((_, i) => i).sort((a, b) => tier(a) - tier(b) || a - b)
}

/** Each match's weighted sum of its signals. */
function keysOf(pool: Pool, weights: readonly number[]): Float64Array {
  const n = weights.length
  return Float64Array.from(pool.every, (_, i) => {
    let key = 0
    for (let s = 0; s < n; s++) key += weights[s]! * pool.signals[i * n + s]!
    return key
  })
}

/** The first ten matches by `key(i)`, highest first, those holding every word before the rest, ties in Folio's order. */
function topTen(pool: Pool, key: (i: number) => number): number[] {
  const top: number[] = []
  const keys: number[] = []
  for (const every of [true, false]) {
    const from = top.length
    for (let i = 0; i < pool.every.length && from < 10; i++) {
      if (pool.every[i] !== every) continue
      const k = key(i)
      if (top.length === 10 && k <= keys[9]!) continue
      let at = top.length
      while (at > from && keys[at - 1]! < k) at--
      top.splice(at, 0, i)
      keys.splice(at, 0, k)
      if (top.length > 10) {
        top.pop()
        keys.pop()
      }
    }
  }
  return top
}

/** The first ten of a pool by the weighted sum of its signals, matches holding every word first, ties in Folio's order. */
export function weightedOrder(pool: Pool, weights: readonly number[]): number[] {
  const keys = keysOf(pool, weights)
  return topTen(pool, (i) => keys[i]!)
}

export function meanNdcg(pools: readonly Pool[], order: (pool: Pool) => readonly number[]): number {
  return pools.reduce((sum, pool) => sum + poolNdcg(pool, order(pool)), 0) / pools.length
}

/**
 * Weights for {@link weightedOrder} that maximise mean nDCG@10 on these pools, by coordinate ascent: from
 * `start`, each weight in turn moves by the step that raises the mean most, coarse steps before fine, until a
 * sweep raises nothing. Each pool's keys are kept for the weights so far, so that a step costs one pass.
 */
export function fitWeights(pools: readonly Pool[], start: readonly number[], sweeps = 4): { weights: number[]; ndcg: number } {
  const n = start.length
  const weights = [...start]
  const keys = pools.map((pool) => keysOf(pool, weights))
  const stepped = (s: number, step: number) =>
    pools.reduce((sum, pool, p) => {
      const k = keys[p]!
      return sum + poolNdcg(pool, topTen(pool, (i) => k[i]! + step * pool.signals[i * n + s]!))
    }, 0) / pools.length
  let best = stepped(0, 0)
  for (let sweep = 0; sweep < sweeps; sweep++) {
    let raised = false
    for (let s = 0; s < n; s++) {
      for (const size of [2, 0.5, 0.1, 0.02]) {
        for (const step of [size, -size]) {
          const value = stepped(s, step)
          if (value <= best + 1e-9) continue
          best = value
          raised = true
          weights[s] = weights[s]! + step
          pools.forEach((pool, p) => keys[p]!.forEach((k, i) => (keys[p]![i] = k + step * pool.signals[i * n + s]!)))
        }
      }
    }
    if (!raised) break
  }
  return { weights, ndcg: best }
}

/** Folio's order as weights: every weight 0 but its rank's. */
export const FOLIO_WEIGHTS: readonly number[] = SIGNALS.map((_, s) => (s === FOLIO_RANK ? 1 : 0))

const LIFTED: SearchLimits = { ...searchLimits, exhaustive: 1e9, postings: 1e9, pages: 1e6, phrasePositions: 1e9 }

/** Each judgement's pool: Folio's first `depth` matches, budgets lifted, with their signals. Judgements with no relevant unit are left out. */
export async function poolsOf(library: () => Library, documents: readonly Document[], judgements: readonly Judgement[], depth: number): Promise<Pool[]> {
  const places = unitPlaces(documents)
  const docs = new Map(documents.map((d) => [d.id, wholeDocument(d)]))
  const frequency = new Map<string, number>()
  for (const d of docs.values()) for (const term of d.terms.keys()) frequency.set(term, (frequency.get(term) ?? 0) + 1)
  const meanLength = [...docs.values()].reduce((sum, d) => sum + d.length, 0) / docs.size
  // Folio's own BM25+, over a document's whole text rather than a unit's.
  const documentScore = (doc: WholeDocument, terms: readonly string[]) =>
    terms.reduce((sum, term) => {
      const tf = doc.terms.get(term) ?? 0
      return tf === 0 ? sum : sum + bm25(inverseFrequency(frequency.get(term)!, docs.size), tf, doc.length, meanLength)
    }, 0)

  const pools: Pool[] = []
  for (const judgement of judgements) {
    const { targetsOf, relevantUnits } = judged(judgement, places)
    if (relevantUnits === 0) continue
    const found = await search(library(), { q: judgement.q, limit: depth, offset: 0, filters: {}, sort: 'relevance', origin: '' }, LIFTED)
    const tokens = tokenize(judgement.q)
    const kept = tokens.filter((t) => !COMMON_WORDS.has(t.word))
    const terms = [...new Set((kept.length > 0 ? kept : tokens).map((t) => t.term))]
    const byDoc = new Map<string, { matches: number; best: number; scores: number }>()
    found.hits.forEach((hit, rank) => {
      const d = byDoc.get(hit.doc) ?? { matches: 0, best: rank, scores: 0 }
      byDoc.set(hit.doc, { matches: d.matches + 1, best: d.best, scores: d.scores + hit.score })
    })
    const docBm25 = new Map([...byDoc.keys()].map((id) => [id, documentScore(docs.get(id)!, terms)]))
    const bestBm25 = Math.max(1e-9, ...docBm25.values())
    const share = (has: (term: string) => boolean) => (terms.length === 0 ? 0 : terms.filter(has).length / terms.length)
    const signals = found.hits.flatMap((hit, rank) => {
      const doc = docs.get(hit.doc)!
      const group = byDoc.get(hit.doc)!
      return [
        hit.matched / Math.max(1, found.words),
        share((t) => doc.terms.has(t)),
        Math.log1p(hit.score),
        1 / (1 + rank),
        Math.min(group.matches, 20) / 20,
        1 / (1 + group.best),
        Math.log1p(group.scores),
        share((t) => doc.title.has(t)),
        hit.kind === 'title' ? 1 : 0,
        hit.kind === 'head' ? 1 : 0,
        hit.kind === 'footnote' ? 1 : 0,
        Math.log(doc.units) / 5,
        docBm25.get(hit.doc)! / bestBm25,
      ]
    })
    pools.push({
      ideal: Math.min(10, relevantUnits),
      relevant: found.hits.map((hit) => targetsOf(hit.id).length > 0),
      every: found.hits.map((hit) => hit.matched === found.words),
      signals: Float64Array.from(signals),
    })
  }
  return pools
}

interface WholeDocument {
  terms: Map<string, number>
  length: number
  title: Set<string>
  units: number
}

function wholeDocument(d: Document): WholeDocument {
  const terms = new Map<string, number>()
  let length = 0
  for (const unit of d.units) {
    for (const token of tokenize(unit.text)) {
      terms.set(token.term, (terms.get(token.term) ?? 0) + 1)
      length++
    }
  }
  return { terms, length, title: new Set(tokenize(d.title).map((t) => t.term)), units: d.units.length }
}

/** The measures of one depth, each a mean nDCG@10 over the pools. */
export interface Ceiling {
  depth: number
  entries: number
  folio: number
  best: number
  bestEveryFirst: number
  learnedOnAll: number
  crossValidated: number
  weights: number[]
}

export function ceiling(pools: readonly Pool[], depth: number): Ceiling {
  const halves = [pools.filter((_, i) => i % 2 === 0), pools.filter((_, i) => i % 2 === 1)] as const
  const judgedOnOther = halves.map((half, h) => {
    const { weights } = fitWeights(half, FOLIO_WEIGHTS)
    const other = halves[1 - h]!
    return meanNdcg(other, (p) => weightedOrder(p, weights)) * other.length
  })
  const all = fitWeights(pools, FOLIO_WEIGHTS)
  return {
    depth,
    entries: pools.length,
    folio: meanNdcg(pools, (p) => p.relevant.map((_, i) => i)),
    best: meanNdcg(pools, (p) => bestOrder(p, false)),
    bestEveryFirst: meanNdcg(pools, (p) => bestOrder(p, true)),
    learnedOnAll: all.ndcg,
    crossValidated: (judgedOnOther[0]! + judgedOnOther[1]!) / pools.length,
    weights: all.weights,
  }
}

/** The pools with these signals (indices into {@link SIGNALS}) set to 0, so that no weight of theirs can move an order. */
export function withoutSignals(pools: readonly Pool[], left: readonly number[]): Pool[] {
  const n = SIGNALS.length
  return pools.map((pool) => ({ ...pool, signals: pool.signals.map((v, i) => (left.includes(i % n) ? 0 : v)) }))
}

const USAGE = `usage: npx tsx bench/ranking-ceiling.ts volume.xml [depth…] [--without N,N…]
  --without: signals the learned order may not use, by number:
${SIGNALS.map((s, i) => `    ${i + 1}. ${s}`).join('\n')}
`

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { without: { type: 'string', default: '' } } })
  const [file, ...depths] = positionals
  const left = values.without.split(',').filter(Boolean).map((n) => Number(n) - 1)
  if (!file || left.some((s) => !Number.isInteger(s) || s < 0 || s >= SIGNALS.length || s === FOLIO_RANK) || depths.some((d) => !(Number(d) >= 10))) {
    process.stderr.write(USAGE + `  (Folio's rank, ${FOLIO_RANK + 1}, is always used; a depth is at least 10.)\n`)
    process.exit(2)
  }
  const dir = mkdtempSync(join(tmpdir(), 'folio-ceiling-'))
  try {
    writeFileSync(join(dir, basename(file)), readFileSync(file))
    const { documents, volumes } = await readCorpus(dir)
    const judgements = readBookIndex(readFileSync(file, 'utf8'), volumes[0]?.id ?? basename(file, '.xml'))
    const index = await loadFolio(await engine('Folio').build({ dir, documents, volumes }))
    for (const depth of depths.length > 0 ? depths.map(Number) : [110, 1000]) {
      const c = ceiling(withoutSignals(await poolsOf(() => index.open(), documents, judgements, depth), left), depth)
      console.log(`${basename(file)}, Folio's first ${depth} matches, ${c.entries} entries, nDCG@10:`)
      console.log(`  Folio's order ${c.folio.toFixed(3)}`)
      console.log(`  best order ${c.best.toFixed(3)}; best with every word first ${c.bestEveryFirst.toFixed(3)}`)
      console.log(`  learned, every word first: fit on every entry ${c.learnedOnAll.toFixed(3)}, cross-validated ${c.crossValidated.toFixed(3)}`)
      console.log(`  weights: ${SIGNALS.map((s, i) => [s, c.weights[i]!] as const).filter(([, w]) => w !== 0).map(([s, w]) => `${s} ${w.toFixed(2)}`).join('; ')}`)
    }
  } finally {
    rmSync(dir, { recursive: true })
  }
}
