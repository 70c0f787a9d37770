/**
 * What the index records of each document besides its units: what went in
 * (counted per volume, so that nothing leaves unnoticed), its page range,
 * the persons it names and the documents it refers to.
 */
import type { Counts, DocumentEntry, VolumeCounts } from '../src/format/layout'
import type { Document, Page, Unit, Volume } from '../src/model'

const zero = (): Counts => ({ documents: 0, sections: 0, titles: 0, heads: 0, paragraphs: 0, footnotes: 0, pages: 0, units: 0 })

/**
 * Counts what goes into the index, in all and per volume, so that nothing
 * leaves it unnoticed. A TEI volume's pages are its page breaks, indexed or not.
 */
export function countDocuments(documents: readonly Document[], volumes: readonly Volume[] = []): Counts & { volumes: VolumeCounts[] } {
  const teiVolumes = new Set(volumes.map((v) => v.id))
  const byVolume = new Map<string, VolumeCounts>()
  const pagesSeen = new Map<string, Set<string>>()
  for (const v of volumes) byVolume.set(v.id, { id: v.id, title: v.title, ...zero(), pages: v.pages.length })
  for (const doc of documents) {
    const key = doc.volume ?? ''
    let counts = byVolume.get(key)
    if (!counts) byVolume.set(key, (counts = { id: key, title: key, ...zero() }))
    counts[doc.type === 'section' ? 'sections' : 'documents']++
    for (const unit of doc.units) {
      counts.units++
      counts[KIND_COUNT[unit.kind]]++
      if (teiVolumes.has(key)) continue
      let seen = pagesSeen.get(key)
      if (!seen) pagesSeen.set(key, (seen = new Set()))
      for (const p of unit.pages) seen.add(`${doc.id}\u0000${p.page}`)
    }
  }
  for (const [key, seen] of pagesSeen) byVolume.get(key)!.pages = seen.size
  const list = [...byVolume.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const total = zero()
  for (const v of list) for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += v[k]
  return { ...total, volumes: list }
}

const KIND_COUNT = { title: 'titles', head: 'heads', paragraph: 'paragraphs', footnote: 'footnotes' } as const

/** A document's first and last page, read from its text (notes come last but stand on the pages that cite them). */
function pageRange(units: readonly Unit[]): Page[] {
  const pages = units.filter((u) => u.kind !== 'footnote').flatMap((u) => u.pages.map((p) => p.page))
  return pages.length > 0 ? [pages[0]!, pages[pages.length - 1]!] : []
}

/** What a document links to: the persons it names (with counts) and the documents it refers to. */
function linksOf(id: string, units: readonly Unit[]): Pick<DocumentEntry, 'people' | 'references'> {
  const people: Record<string, number> = {}
  const references: string[] = []
  for (const u of units) {
    for (const a of u.annotations ?? []) {
      if (a.type === 'person') people[a.target] = (people[a.target] ?? 0) + 1
      else if (a.type === 'ref' && a.target !== id && !references.includes(a.target)) references.push(a.target)
    }
  }
  return { ...(Object.keys(people).length > 0 && { people }), ...(references.length > 0 && { references }) }
}

/** A document's entry: its facts and where its units are, from `first` on. */
export function documentEntry({ units, ...facts }: Document, first: number): DocumentEntry {
  return { ...facts, first, count: units.length, pages: pageRange(units), ...linksOf(facts.id, units) }
}

/**
 * What the index holds for a unit: its text, and the surnames of the persons
 * its markup tags, so that `Rusk` finds `Dear Dean:` and `the Secretary`
 * where the editors tagged them as Dean Rusk. Only the surname (the list
 * gives `Rusk, Dean`): a forename would make every Dean a Rusk.
 */
export function taggedSurnames(unit: Unit, surnames: ReadonlyMap<string, string>): string[] {
  return [...new Set((unit.annotations ?? []).flatMap((a) => (a.type === 'person' && surnames.has(a.target) ? [surnames.get(a.target)!] : [])))]
}

/** The text MiniSearch indexes for a unit: its own, then the surnames it tags. */
export function indexedText(unit: Unit, surnames: ReadonlyMap<string, string>): string {
  const tagged = taggedSurnames(unit, surnames)
  return tagged.length === 0 ? unit.text : `${unit.text}\n${tagged.join('\n')}`
}

