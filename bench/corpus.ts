/**
 * Deterministic corpora of any size for benchmarks, made from real text: the
 * shipped corpus's units repeated under new document ids, each unit's words
 * shuffled by a seeded generator. Word frequencies, unit lengths, kinds,
 * pages and notes stay those of real FRUS documents; only word order (and so
 * phrases) changes. The first copy is the real corpus, unshuffled.
 */
import { readCorpus } from '../index/corpus'
import type { Document, Unit } from '../src/model'

/** Mulberry32: a small seeded generator, so that every run makes the same corpus. */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
  return items
}

/** Total characters of unit text. */
export function textSize(documents: readonly Document[]): number {
  return documents.reduce((n, d) => n + d.units.reduce((m, u) => m + u.text.length, 0), 0)
}

/** The shipped corpus, parsed. */
export async function shippedDocuments(dir = 'corpus'): Promise<Document[]> {
  const { documents } = await readCorpus(dir)
  return documents
}

/** A corpus of about `size` characters of text built from `base`. */
export function syntheticCorpus(base: readonly Document[], size: number, seed = 1): Document[] {
  const rand = random(seed)
  const out: Document[] = [...base]
  let total = textSize(base)
  for (let copy = 1; total < size; copy++) {
    for (const doc of base) {
      if (total >= size) break
      const id = `${doc.id}-x${copy}`
      const rename = (unitId: string) => unitId.replace(doc.id, id)
      const units: Unit[] = doc.units.map((u) => ({
        ...u,
        id: rename(u.id),
        doc: id,
        text: shuffle(u.text.split(' '), rand).join(' '),
        // Citation offsets no longer point at words once shuffled; keep them inside the text.
        cites: u.cites.map((c) => ({ note: rename(c.note), at: Math.min(c.at, u.text.length) })),
        ...(u.citedBy && { citedBy: u.citedBy.map(rename) }),
      }))
      out.push({ ...doc, id, ...(doc.volume && { volume: `${doc.volume}-x${copy}` }), units })
      total += textSize([out[out.length - 1]!])
    }
  }
  return out
}
