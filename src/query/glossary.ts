/**
 * The abbreviations of the indexed volumes' lists, both ways: `PriMin` is
 * also searched as "Prime Minister", and `prime minister` also as PriMin.
 *
 * The lists hold abbreviations that are also English words (AID, MAP, POL)
 * and one-letter offices (E, G, L), so a query word is read as an
 * abbreviation only when written as one (two capitals or more) or when the
 * corpus itself usually writes it with capitals; and an expansion turns back
 * into its abbreviation only for abbreviations of three letters or more
 * (`PM` would bring every `p.m.`).
 */
import type { LexiconEntry } from '../format/lexicon'
import type { Library } from '../library'
import { tokenize } from '../text'
import type { QueryWord } from './parse'

export interface Abbreviation {
  /** Folded, as the index reads it: `primin`. */
  word: string
  /** As the list writes it: `PRIMIN`. */
  written: string
  /** The expansion's words, folded: `prime`, `minister`. */
  words: string[]
  expansion: string
  volume: string
}

export interface Glossary {
  byWord: Map<string, Abbreviation[]>
  /** Expansions of two words or more, by their first word. */
  byFirstWord: Map<string, Abbreviation[]>
}

/** The glossary of the indexed volumes, built once per isolate. */
export async function glossaryOf(library: Library): Promise<Glossary> {
  const volumes = await library.volumes()
  return library.index.derived('glossary', () => {
    const g: Glossary = { byWord: new Map(), byFirstWord: new Map() }
    for (const volume of volumes) {
      for (const term of volume.terms ?? []) {
        const written = tokenize(term.abbreviation)
        const words = tokenize(term.expansion).map((t) => t.word)
        if (written.length !== 1 || words.length === 0) continue
        const a: Abbreviation = { word: written[0]!.word, written: term.abbreviation, words, expansion: term.expansion, volume: volume.id }
        push(g.byWord, a.word, a)
        if (words.length >= 2 && a.word.length >= 3) push(g.byFirstWord, words[0]!, a)
      }
    }
    return g
  })
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/** Whether a query word reads as an abbreviation: written with two capitals, or so written by the corpus (its lexicon entry says). */
export function writtenAsAbbreviation(w: QueryWord, entry: LexiconEntry | undefined): boolean {
  if (w.word.length < 2) return false
  if ((w.written.match(/\p{Lu}/gu)?.length ?? 0) >= 2) return true
  return entry?.word !== undefined && /\p{Lu}/u.test(entry.word.display)
}
