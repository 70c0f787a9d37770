/**
 * The lexicon: every word of the corpus (folded: `treaties`) and every index
 * term (stemmed: `treati`), sorted together, each key with what a query needs
 * of it. A word carries its term's postings address, so that a prefix or a
 * typo expanded to forty words needs no second lookup; a term that is not
 * itself a word is a key of its own, so that `negotiating` still finds
 * `negoti` when the corpus only writes `negotiations`.
 *
 * The volumes' abbreviations live here too, so that a query reads them with
 * its words: an abbreviation's key lists its meanings (`primin`: Prime
 * Minister), and the first word of a meaning of two words or more lists the
 * abbreviations it begins (`prime`: PriMin).
 *
 *   entry = flags (u8) | word? | term info? | meanings? | begins?
 *   word  = units, variant, display | term string and term info, unless the term is the key
 *   term  = df, variants, postings offset, bytes, skip bytes, blocks, positions offset, bytes, bound (f32),
 *           title blocks (0: none) | title df, postings offset, bytes, skip bytes, positions offset, bytes, bound (f32)
 *   meanings, begins = count, then per abbreviation: word, written, expansion words, expansion, volume
 */
import { ByteReader, ByteWriter } from './bytes'

/** An index term and where its postings and positions are. */
export interface TermInfo {
  term: string
  /** Units that hold the term. */
  df: number
  /** Distinct words indexed under it. */
  variants: number
  /** Byte offset in the postings stream, and the length of its postings (skip table included). */
  postings: number
  postingsBytes: number
  skipBytes: number
  blocks: number
  /** Byte offset in the positions stream, and its length. */
  positions: number
  positionsBytes: number
  /** The best score bound of any of its blocks. */
  bound: number
  /** A common term's postings at units of kind title, again, in a list of their own: see {@link titleTier}. */
  titles?: TitleList
  /** Of a tier's list ({@link titleTier}), the whole term's `df`, which its scores are computed with. */
  wholeDf?: number
}

/** A term's postings at its titles alone. */
export type TitleList = Pick<TermInfo, 'df' | 'postings' | 'postingsBytes' | 'skipBytes' | 'blocks' | 'positions' | 'positionsBytes' | 'bound'>

/**
 * A common term's titles, as a term of their own: its postings at units of kind title, scored as the whole term's. A title's words
 * count three times a paragraph's, so where a query's words are common its best matches are mostly titles (at 1 GB, 337 of the 400
 * hits of forty two-word queries' top tens), which its whole lists hold among a hundred times more postings: read first, they are
 * evaluated before a query's budget runs out. The name is the term's with a character no word holds, so that what a query reads
 * of it is kept apart from the term's own.
 */
export function titleTier(t: TermInfo): TermInfo | undefined {
  if (!t.titles) return undefined
  return { ...t.titles, term: `${t.term}\u0001`, variants: t.variants, wholeDf: t.df }
}

/** A word as the corpus writes it. */
export interface WordInfo {
  /** Units that hold the word. */
  units: number
  /** Its place among its term's variants. */
  variant: number
  /** How the corpus usually writes it (`Krasnoyarsk` for `krasnoyarsk`). */
  display: string
  term: TermInfo
}

/** An abbreviation of a volume's list. */
export interface Abbreviation {
  /** Folded, as the index reads it: `primin`. */
  word: string
  /** As the list writes it: `PRIMIN`. */
  written: string
  /** The expansion's words, folded: `prime`, `minister`. */
  words: string[]
  expansion: string
  /** The first volume whose list has it. */
  volume: string
}

export interface LexiconEntry {
  key: string
  word?: WordInfo
  /** Present when the key is an index term. */
  term?: TermInfo
  /** Present when the key is an abbreviation: what it stands for. */
  means?: Abbreviation[]
  /** Present when the key begins the meaning of abbreviations (of three letters or more, for meanings of two words or more). */
  begins?: Abbreviation[]
}

const WORD = 1
const TERM = 2
const TERM_IS_KEY = 4
const MEANS = 8
const BEGINS = 16

export function encodeEntry(e: LexiconEntry, w: ByteWriter): ByteWriter {
  const self = e.word !== undefined && e.word.term.term === e.key
  w.u8((e.word ? WORD : 0) | (e.term ? TERM : 0) | (self ? TERM_IS_KEY : 0) | (e.means ? MEANS : 0) | (e.begins ? BEGINS : 0))
  if (e.word) {
    w.varint(e.word.units).varint(e.word.variant).string(e.word.display === e.key ? '' : e.word.display)
    if (!self) encodeTerm(e.word.term, w.string(e.word.term.term))
  }
  if (e.term) encodeTerm(e.term, w)
  for (const list of [e.means, e.begins]) if (list) encodeAbbreviations(list, w)
  return w
}

function encodeAbbreviations(list: readonly Abbreviation[], w: ByteWriter): void {
  w.varint(list.length)
  for (const a of list) {
    w.string(a.word).string(a.written).varint(a.words.length)
    for (const word of a.words) w.string(word)
    w.string(a.expansion).string(a.volume)
  }
}

function decodeAbbreviations(r: ByteReader): Abbreviation[] {
  return Array.from({ length: r.varint() }, () => {
    const word = r.string()
    const written = r.string()
    const words = Array.from({ length: r.varint() }, () => r.string())
    return { word, written, words, expansion: r.string(), volume: r.string() }
  })
}

function encodeTerm(t: TermInfo, w: ByteWriter): void {
  w.varint(t.df).varint(t.variants).varint(t.postings).varint(t.postingsBytes).varint(t.skipBytes)
    .varint(t.blocks).varint(t.positions).varint(t.positionsBytes).f32(t.bound)
  const titles = t.titles
  w.varint(titles?.blocks ?? 0)
  if (titles) {
    w.varint(titles.df).varint(titles.postings).varint(titles.postingsBytes).varint(titles.skipBytes).varint(titles.positions)
      .varint(titles.positionsBytes).f32(titles.bound)
  }
}

/** The units holding the entry's word, read without decoding the rest (-1: the key is no word). */
export function wordUnits(r: ByteReader): number {
  return r.u8() & WORD ? r.varint() : -1
}

export function decodeEntry(key: string, r: ByteReader): LexiconEntry {
  const flags = r.u8()
  const entry: LexiconEntry = { key }
  let word: Omit<WordInfo, 'term'> | undefined
  if (flags & WORD) {
    const units = r.varint()
    const variant = r.varint()
    const display = r.string() || key
    word = { units, variant, display }
    if (!(flags & TERM_IS_KEY)) entry.word = { ...word, term: decodeTerm(r.string(), r) }
  }
  if (flags & TERM) entry.term = decodeTerm(key, r)
  if (word && flags & TERM_IS_KEY) entry.word = { ...word, term: entry.term! }
  if (flags & MEANS) entry.means = decodeAbbreviations(r)
  if (flags & BEGINS) entry.begins = decodeAbbreviations(r)
  return entry
}

function decodeTerm(term: string, r: ByteReader): TermInfo {
  const t: TermInfo = {
    term,
    df: r.varint(),
    variants: r.varint(),
    postings: r.varint(),
    postingsBytes: r.varint(),
    skipBytes: r.varint(),
    blocks: r.varint(),
    positions: r.varint(),
    positionsBytes: r.varint(),
    bound: r.f32(),
  }
  const blocks = r.varint()
  if (blocks > 0) {
    t.titles = { blocks, df: r.varint(), postings: r.varint(), postingsBytes: r.varint(), skipBytes: r.varint(), positions: r.varint(), positionsBytes: r.varint(), bound: r.f32() }
  }
  return t
}
