/**
 * Relevance judged by historians: a FRUS volume's back-of-book index
 * (`<div xml:id="index">`), compiled by its editors, turned into queries with
 * the documents or pages each one is discussed on.
 *
 * - An entry becomes a query: its heading, and for a nested entry the heading
 *   followed by the sub-heading. A person (a heading tagged `persName`, or of
 *   the form `Surname, Forenames`) is asked for by surname.
 * - Its relevant targets are what it lists: documents (`#d12`, as older
 *   volumes cite) or printed pages (`#pg_12`, ranges `12–14`, `44n` for a
 *   note on page 44). Cross-references (`See under`) name no target and are
 *   left out.
 * - A hit is relevant when its document is listed or a page it spans is.
 *
 * Measures at 10: nDCG (binary gains, the ideal ranking fills the ten places
 * with relevant units when the corpus has that many), precision, and recall
 * (the share of listed targets that some hit of the ten covers).
 *
 * `npx tsx bench/book-index.ts volume.xml [more.xml…]` judges Folio and plain
 * MiniSearch on volumes the project never tuned on; `npm run bench` runs it on
 * the shipped volume.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { SaxesParser } from 'saxes'
import { readCorpus } from '../index/corpus'
import type { Document } from '../src/model'
import { engine, type Engine } from './engines'

/** One entry of a book index: the query it becomes and what it lists. */
export interface Judgement {
  q: string
  /** Document ids listed. */
  documents: string[]
  /** Printed pages listed, as strings (`"12"`, `"XII"`). */
  pages: string[]
}

/** The measures of one engine over a book index. */
export interface Relevance {
  engine: string
  /** Queries judged (entries whose targets the corpus holds). */
  queries: number
  ndcg10: number
  p10: number
  recall10: number
}

interface Entry {
  heading: string
  /** Whether the heading is one person's name and nothing else. */
  person: boolean
  documents: string[]
  pages: string[]
  parent?: Entry
}

/** The book index of a TEI volume, as queries with their relevant targets. */
export function readBookIndex(xml: string, volume: string): Judgement[] {
  const parser = new SaxesParser({ xmlns: false })
  const judgements: Judgement[] = []
  let depth = 0 // elements open inside the index div, 0 when outside it
  const items: { entry: Entry; listed: boolean; depth: number; outside: string }[] = []
  let ref: { target: string; text: string } | undefined
  let inPerson = 0

  const current = () => items.at(-1)
  parser.on('opentag', (tag) => {
    if (depth === 0) {
      if (tag.name === 'div' && tag.attributes['xml:id'] === 'index') depth = 1
      return
    }
    depth++
    const item = current()
    if (tag.name === 'item') {
      items.push({ entry: { heading: '', person: false, documents: [], pages: [], ...(item && { parent: item.entry }) }, listed: false, depth, outside: '' })
    } else if (tag.name === 'list' && item) {
      item.listed = true
    } else if (tag.name === 'ref' && item && !item.listed) {
      ref = { target: String(tag.attributes.target ?? ''), text: '' }
    } else if (tag.name === 'persName') inPerson++
  })
  parser.on('text', (text) => {
    const item = current()
    if (depth === 0 || !item || item.listed) return
    if (ref) ref.text += text
    else if (item.entry.documents.length === 0 && item.entry.pages.length === 0) {
      item.entry.heading += text
      if (inPerson === 0) item.outside += text
    } else {
      // `12–14` (a range after a page reference) or `44n` (a note on it).
      const range = /^\s*[–-]\s*(\d+)/.exec(text)
      const last = item.entry.pages.at(-1)
      if (range && last && /^\d+$/.test(last)) for (let p = Number(last) + 1; p <= Number(range[1]); p++) item.entry.pages.push(String(p))
    }
  })
  parser.on('closetag', (tag) => {
    if (depth === 0) return
    depth--
    const item = current()
    if (tag.name === 'ref' && ref && item) {
      const doc = /^#(d\d+)$/.exec(ref.target)
      const page = /^#pg_(.+)$/.exec(ref.target)
      if (doc) item.entry.documents.push(`${volume}-${doc[1]}`)
      else if (page) item.entry.pages.push(page[1]!)
      ref = undefined
    } else if (tag.name === 'persName') inPerson--
    else if (tag.name === 'item' && item && item.depth === depth + 1) {
      items.pop()
      const entry = item.entry
      entry.person = entry.heading.trim() !== '' && !/[\p{L}\p{N}]/u.test(item.outside)
      if (entry.documents.length + entry.pages.length > 0) judgements.push({ q: queryOf(entry), documents: entry.documents, pages: entry.pages })
    }
  })
  parser.write(xml).close()
  return judgements
}

function queryOf(entry: Entry): string {
  // `(see also individual names)`, `(see also …)` whose targets are other entries: not words of the topic.
  const heading = entry.heading.replace(/\(\s*see\b[^)]*\)/gi, '').replace(/\s+/g, ' ').replace(/[\s,:;]+$/, '').trim()
  const named = /^([\p{Lu}][\p{L}'’-]+), (?:[\p{Lu}][\p{L}.]*\s*)+$/u.exec(heading)
  const own = entry.person ? heading.split(',')[0]!.trim() : named ? named[1]! : heading
  return entry.parent ? `${queryOf(entry.parent)} ${own}` : own
}

/** Where each unit of a corpus stands: its document and the printed pages it spans. */
export type UnitPlaces = ReadonlyMap<string, { doc: string; pages: readonly string[] }>

export function unitPlaces(documents: readonly Document[]): UnitPlaces {
  return new Map(documents.flatMap((d) => d.units.map((u) => [u.id, { doc: d.id, pages: u.pages.map((p) => String(p.page)) }] as const)))
}

/** What a judgement holds relevant in a corpus: the targets a unit holds (`d:` its document, `p:` pages; none when it is not relevant), the relevant units, and every target some unit holds. */
export function judged(judgement: Judgement, units: UnitPlaces): { targetsOf: (id: string) => string[]; relevantUnits: number; held: Set<string> } {
  const docs = new Set(judgement.documents)
  const pages = new Set(judgement.pages)
  const targetsOf = (id: string) => {
    const u = units.get(id)
    if (!u) return []
    return [...(docs.has(u.doc) ? [`d:${u.doc}`] : []), ...u.pages.filter((p) => pages.has(p)).map((p) => `p:${p}`)]
  }
  let relevantUnits = 0
  const held = new Set<string>()
  for (const id of units.keys()) {
    const t = targetsOf(id)
    if (t.length > 0) relevantUnits++
    for (const x of t) held.add(x)
  }
  return { targetsOf, relevantUnits, held }
}

const DISCOUNT = Array.from({ length: 10 }, (_, rank) => 1 / Math.log2(rank + 2))

/** nDCG@10 with binary gains: whether each hit, best first, is relevant, against an ideal ranking of `relevantUnits` relevant hits. */
export function ndcg10(relevant: readonly boolean[], relevantUnits: number): number {
  let dcg = 0
  let ideal = 0
  for (let rank = 0; rank < 10; rank++) {
    if (relevant[rank]) dcg += DISCOUNT[rank]!
    if (rank < relevantUnits) ideal += DISCOUNT[rank]!
  }
  return ideal === 0 ? 0 : dcg / ideal
}

/** Judges ranked unit ids against a book index over the corpus's units. */
export function judge(name: string, judgements: readonly Judgement[], documents: readonly Document[], ranked: readonly string[][]): Relevance {
  const units = unitPlaces(documents)
  const sums = { ndcg10: 0, p10: 0, recall10: 0 }
  let queries = 0
  judgements.forEach((j, i) => {
    const { targetsOf, relevantUnits, held } = judged(j, units)
    if (relevantUnits === 0) return
    queries++
    const top = ranked[i]!.slice(0, 10).map(targetsOf)
    sums.ndcg10 += ndcg10(top.map((t) => t.length > 0), relevantUnits)
    sums.p10 += top.filter((t) => t.length > 0).length / 10
    sums.recall10 += new Set(top.flat()).size / held.size
  })
  return {
    engine: name,
    queries,
    ndcg10: sums.ndcg10 / queries,
    p10: sums.p10 / queries,
    recall10: sums.recall10 / queries,
  }
}

/** What each relevance measure compares: Folio and plain MiniSearch. */
export const JUDGED_ENGINES: readonly Engine[] = [engine('Folio'), engine('MiniSearch')]

/** Builds each engine over a corpus folder and judges its top ten for every judgement. */
export async function judgeFolder(dir: string, judgements: readonly Judgement[], engines: readonly Engine[]): Promise<Relevance[]> {
  const { documents, volumes } = await readCorpus(dir)
  const results: Relevance[] = []
  for (const e of engines) {
    const searcher = await e.load(await e.build({ dir, documents, volumes }))
    const ranked: string[][] = []
    for (const j of judgements) ranked.push(await searcher.search(j.q, 10))
    results.push(judge(e.name, judgements, documents, ranked))
  }
  return results
}

/** Builds each engine over one volume and judges it on the volume's own book index. */
export async function judgeVolume(file: string, engines: readonly Engine[]): Promise<{ judgements: number; results: Relevance[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'folio-book-index-'))
  try {
    writeFileSync(join(dir, basename(file)), readFileSync(file))
    const { volumes } = await readCorpus(dir)
    const volume = volumes[0]?.id ?? basename(file, '.xml')
    const judgements = readBookIndex(readFileSync(file, 'utf8'), volume)
    return { judgements: judgements.length, results: await judgeFolder(dir, judgements, engines) }
  } finally {
    rmSync(dir, { recursive: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = process.argv.slice(2)
  if (files.length === 0) {
    process.stderr.write('usage: npx tsx bench/book-index.ts volume.xml [more.xml…]\n')
    process.exit(2)
  }
  for (const file of files) {
    const { judgements, results } = await judgeVolume(file, JUDGED_ENGINES)
    console.log(`${basename(file)}: ${judgements} entries`)
    for (const r of results) {
      console.log(`  ${r.engine.padEnd(10)} nDCG@10 ${r.ndcg10.toFixed(3)}  P@10 ${r.p10.toFixed(3)}  recall@10 ${r.recall10.toFixed(3)}  (${r.queries} queries)`)
    }
  }
}
