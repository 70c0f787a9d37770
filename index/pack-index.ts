/**
 * Packs the index for the worker (see src/pack.ts): MiniSearch's postings as
 * typed arrays, unit facts as parallel arrays, the vocabulary as sorted lists,
 * each unit's words as vocabulary positions (for exact phrases without
 * re-reading text), and the units' clean text as one UTF-8 file with offsets.
 */
import type MiniSearch from 'minisearch'
import type { IndexedUnit } from './engine'
import type { PackMeta } from '../src/artifacts'
import { ANNOTATION_TYPES, UNIT_KINDS, type Page, type Unit } from '../src/model'
import { encodePack, type Section } from '../src/pack'
import type { VocabularyEntry } from './write-index'
import { findTerm } from '../src/evaluate'
import { tokenize } from '../src/text'

const MAX_U16 = 0xffff

/** The pack and the text file for `units` (in index order) and their MiniSearch index. */
export function packIndex(units: readonly Unit[], search: MiniSearch<IndexedUnit>, vocabulary: readonly VocabularyEntry[]) {
  const { index, documentIds, fieldLength, averageFieldLength } = search.toJSON()
  units.forEach((_, i) => {
    if (documentIds[i] !== i) throw new Error(`folio: MiniSearch gave unit ${i} the short id of ${documentIds[i]}`)
  })

  // Postings, terms sorted by code unit as the worker's binary search compares them.
  const entries = index.map(([term, fields]) => [term, fields[0] ?? {}] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const terms = entries.map(([term]) => term)
  const start = new Uint32Array(terms.length + 1)
  let postings = 0
  entries.forEach(([, docs], t) => {
    start[t] = postings
    postings += Object.keys(docs).length
  })
  start[terms.length] = postings
  const docs = new Uint32Array(postings)
  const freqs = new Uint16Array(postings)
  entries.forEach(([, byDoc], t) => {
    const ids = Object.keys(byDoc).map(Number).sort((a, b) => a - b)
    ids.forEach((id, k) => {
      docs[start[t]! + k] = id
      freqs[start[t]! + k] = Math.min(byDoc[id]!, MAX_U16)
    })
  })
  const lengths = Uint16Array.from(units, (_, i) => Math.min(fieldLength[i]![0] ?? 0, MAX_U16))

  // Unit facts.
  const encoder = new TextEncoder()
  const textParts = units.map((u) => encoder.encode(u.text))
  const textStart = new Uint32Array(units.length + 1)
  textParts.forEach((bytes, i) => (textStart[i + 1] = textStart[i]! + bytes.byteLength))
  const text = new Uint8Array(textStart[units.length]!)
  textParts.forEach((bytes, i) => text.set(bytes, textStart[i]!))

  // The forward index: each unit's words, as positions in the sorted vocabulary, for exact phrases.
  const wordIds = new Map(vocabulary.map(([word], i) => [word, i]))
  const tokenStart = new Uint32Array(units.length + 1)
  const tokenWords: number[] = []
  units.forEach((u, i) => {
    for (const t of tokenize(u.text)) tokenWords.push(wordIds.get(t.word)!)
    tokenStart[i + 1] = tokenWords.length
  })

  const positions = new Map(units.map((u, i) => [u.id, i]))
  const pageLabels: Page[] = []
  const pageIds = new Map<Page, number>()
  const pageOf = (p: Page) => pageIds.get(p) ?? (pageIds.set(p, pageLabels.push(p) - 1), pageLabels.length - 1)
  const labels: PackMeta['labels'] = {}
  const pageStart = new Uint32Array(units.length + 1)
  const citeStart = new Uint32Array(units.length + 1)
  const pageAt: number[] = []
  const pageLabel: number[] = []
  const citeNote: number[] = []
  const citeAt: number[] = []
  const annotationStart = new Uint32Array(units.length + 1)
  const annotationType: number[] = []
  const annotationFrom: number[] = []
  const annotationTo: number[] = []
  const annotationTarget: number[] = []
  const targets: string[] = []
  const targetIds = new Map<string, number>()
  units.forEach((u, i) => {
    for (const p of u.pages) {
      pageAt.push(p.at)
      pageLabel.push(pageOf(p.page))
    }
    for (const c of u.cites) {
      citeNote.push(positions.get(c.note)!)
      citeAt.push(c.at)
    }
    for (const a of u.annotations ?? []) {
      annotationType.push(ANNOTATION_TYPES.indexOf(a.type))
      annotationFrom.push(a.start)
      annotationTo.push(a.end)
      let t = targetIds.get(a.target)
      if (t === undefined) targetIds.set(a.target, (t = targets.push(a.target) - 1))
      annotationTarget.push(t)
    }
    pageStart[i + 1] = pageAt.length
    citeStart[i + 1] = citeNote.length
    annotationStart[i + 1] = annotationType.length
    if (u.kind === 'footnote' && u.label !== String(u.n)) labels[i] = u.label ?? null
  })

  const sections: Record<string, Section> = {
    terms, start, docs, freqs, lengths,
    kinds: Uint8Array.from(units, (u) => UNIT_KINDS.indexOf(u.kind)),
    ordinals: Uint32Array.from(units, (u) => u.n),
    textStart,
    tokenStart, tokenWords: Uint32Array.from(tokenWords),
    pageStart, pageAt: Uint32Array.from(pageAt), pageLabel: Uint32Array.from(pageLabel),
    citeStart, citeNote: Uint32Array.from(citeNote), citeAt: Uint32Array.from(citeAt),
    annotationStart, annotationType: Uint8Array.from(annotationType), annotationFrom: Uint32Array.from(annotationFrom),
    annotationTo: Uint32Array.from(annotationTo), annotationTarget: Uint32Array.from(annotationTarget), annotationTargets: targets,
    vocabularyWords: vocabulary.map((v) => v[0]),
    vocabularyTerms: Uint32Array.from(vocabulary, ([word, term]) => {
      const t = findTerm(terms, term)
      if (t < 0) throw new Error(`folio: the term ${term} of ${word} is not in the index`)
      return t
    }),
    vocabularyUnits: Uint32Array.from(vocabulary, (v) => v[2]),
    vocabularyDisplay: vocabulary.map((v) => v[3] ?? ''),
  }
  const meta: PackMeta = { units: units.length, averageLength: averageFieldLength[0] ?? 0, pageLabels, labels }
  return { pack: encodePack(sections, meta), text }
}
