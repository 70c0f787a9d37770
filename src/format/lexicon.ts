/**
 * The lexicon: every word of the corpus (folded: `treaties`) and every index
 * term (stemmed: `treati`), sorted together, each key with what a query needs
 * of it. A word carries its term's postings address, so that a prefix or a
 * typo expanded to forty words needs no second lookup; a term that is not
 * itself a word is a key of its own, so that `negotiating` still finds
 * `negoti` when the corpus only writes `negotiations`.
 *
 *   entry = flags (u8) | word? | term info?
 *   word  = units, variant, display | term string and term info, unless the term is the key
 *   term  = df, variants, postings offset, bytes, skip bytes, blocks, positions offset, bytes, bound (f32)
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

export interface LexiconEntry {
  key: string
  word?: WordInfo
  /** Present when the key is an index term. */
  term?: TermInfo
}

const WORD = 1
const TERM = 2
const TERM_IS_KEY = 4

export function encodeEntry(e: LexiconEntry, w: ByteWriter): ByteWriter {
  const self = e.word !== undefined && e.word.term.term === e.key
  w.u8((e.word ? WORD : 0) | (e.term ? TERM : 0) | (self ? TERM_IS_KEY : 0))
  if (e.word) {
    w.varint(e.word.units).varint(e.word.variant).string(e.word.display === e.key ? '' : e.word.display)
    if (!self) encodeTerm(e.word.term, w.string(e.word.term.term))
  }
  if (e.term) encodeTerm(e.term, w)
  return w
}

function encodeTerm(t: TermInfo, w: ByteWriter): void {
  w.varint(t.df).varint(t.variants).varint(t.postings).varint(t.postingsBytes).varint(t.skipBytes)
    .varint(t.blocks).varint(t.positions).varint(t.positionsBytes).f32(t.bound)
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
  return entry
}

function decodeTerm(term: string, r: ByteReader): TermInfo {
  return {
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
}
