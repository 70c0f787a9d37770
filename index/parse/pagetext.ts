/**
 * Reads the text of a history.state.gov document page (a FRUS "page-text"
 * file) into a {@link Document}: title, head lines, paragraphs and footnotes,
 * each with clean text, the pages it spans and the notes it cites.
 *
 * The rules, and why:
 * - The first line is the title (`49. Letter From … Bush1`); a leading file
 *   number (`No. 139`, `File No. 711.00/12`) is a head line and the title follows.
 * - Paragraphs are separated by blank lines. A page with no blank lines puts one
 *   paragraph per line, unless its lines are hard-wrapped to a width, in which
 *   case a short line ends a paragraph.
 * - Short lines between the title and the first real paragraph are the head
 *   (`Unofficial Translation`, `SUBJECT`, a dateline, the salutation). The
 *   first head line that reads as a dateline dates and places the document.
 * - `[Page N]`, `[Facsimile Page N]` and `[Typeset Page N]` (microfiche
 *   supplements: the page of the typeset edition, cited as page N) mark a page
 *   break where they stand, even mid-word; text before the first marker is on
 *   the page before it.
 * - Notes are the indented `  N. ` lines that end the page, numbered from 1
 *   (or marked `*`); their markers are resolved by {@link resolveMarkers}.
 * - A title ending in a `1` glued to a word (`Memorandum of Conversation1`)
 *   cites the source note even when the notes were cut off the page: the
 *   marker is removed, with a warning.
 */
import { sourceUrl, type Document, type Page, type Volume } from '../../src/model'
import { romanValue, toRoman } from '../../src/roman'
import { annotateReferences } from '../annotate'
import { Diagnostics, EMPTY_FILE, type Diagnostic } from '../diagnostics'
import type { Cut } from './cleantext'
import { readDateline } from './dateline'
import { findCandidates, resolveMarkers, strayMarkers, type Candidate } from './markers'
import { assembleUnits, noteId, type RawBlock, type RawNote } from './units'

/** What a parser read from one file. */
export interface ParsedFile {
  /** None when the file holds no document (empty). */
  documents: Document[]
  /** The volume, for a file that is one (TEI). */
  volume?: Volume
  diagnostics: Diagnostic[]
}

/** A run of source lines read as one piece of text. */
interface Block {
  raw: string
  /** Source line (1-based) where each stretch of `raw` begins. */
  lines: { at: number; line: number }[]
}

/** `frus1989-92v31-d49` names volume `frus1989-92v31`, document `d49`. */
const VOLUME_PART = /^(frus[\w-]+?)-(d\d+\w*)$/
const PAGE_MARKER = /\[(?:(Facsimile|Typeset)\s+)?Page\s+([0-9]+|[IVXLCDM]+|[ivxlcdm]+)\]/g
const PAGE_ONLY = /^\s*(?:\[(?:(?:Facsimile|Typeset)\s+)?Page\s+[^\]]+\]\s*)+$/
/** The source note's marker glued to the title's last word. */
const TITLE_MARKER = /(?<=\p{L}[.)]?)1\s*$/u
const NOTE_START = /^\s+(\d{1,3}|\*{1,3}|†|‡)\.\s+(?=\S)/
const NUMBERED_TITLE = /^\s*(\d+[A-Za-z]?)\.\s+(?=\S)/
const FILE_NUMBER = /^\s*(?:File\s+)?No\.\s*\S+\s*$/i
const LINE_BREAK_BEFORE = /^\s*(?:[-–—•·*]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s|[A-Z][A-Z /]{2,}:)|\S\s{2,}\S|\t/
const ENDS_SENTENCE = /[.!?:;"”’)\]]\s*$/
const SENTENCE = /[.!?]["”’)]?\s*$/
const MAX_HEAD_LINE = 120
/** Lines all shorter than this are kept as lines, not joined as a wrapped paragraph. */
const SHORT_LINE = 48
/** A heading line (`PARTICIPANTS`, `SUBJECT:`): the lines under it are a list, one entry a line, however long. */
const LABEL_LINE = /^\s*[A-Z][A-Z./&\s-]{2,30}:?\s*$/
const MAX_TITLE = 300

/** Parses one page-text file. `file` names it in diagnostics; `id` becomes the document id. */
export function parsePageText(source: string, file: string, id: string): ParsedFile {
  const diag = new Diagnostics(file)
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)

  if (lines.every((l) => l.trim() === '')) {
    diag.warn(1, EMPTY_FILE)
    return { documents: [], diagnostics: diag.list }
  }

  const notesFrom = findNotes(lines)
  const notes = readNotes(lines, notesFrom)
  const { titleBlock, number, heads, paragraphs } = readBody(lines, notesFrom, diag)

  // Markers are looked for in the text a reader sees above the notes, in order.
  const blocks = [...(titleBlock ? [titleBlock] : []), ...heads, ...paragraphs]
  const kinds: RawBlock['kind'][] = blocks.map((b) => (b === titleBlock ? 'title' : heads.includes(b) ? 'head' : 'paragraph'))
  const masked = blocks.map((b) => b.raw.replace(PAGE_MARKER, (m) => ' '.repeat(m.length)))
  const candidates: Candidate[] = blocks.flatMap((_, i) => findCandidates(i, masked[i]!))
  const { markers, uncited } = resolveMarkers(candidates, notes.map((n) => n.label))
  for (const label of uncited) {
    diag.warn(notes.find((n) => n.label === label)!.line, `note ${label} is never cited in the text above it`)
  }
  const orphan = titleBlock && !notes.some((n) => n.label === '1') ? TITLE_MARKER.exec(masked[0]!) : null
  if (orphan) diag.warn(titleBlock!.lines[0]!.line, 'the title ends in note marker 1 but the page has no note 1 (cut off?): marker removed')
  for (const c of strayMarkers(candidates, markers, (b) => masked[b]!)) {
    if (orphan && c.block === 0 && c.start === orphan.index) continue
    diag.warn(lineAt(blocks[c.block]!, c.start), `footnote marker ${c.label} has no note; kept as text`)
  }

  const noteIds = new Map(notes.map((n, i) => [n.label, noteId(id, i)]))
  const raw: RawBlock[] = blocks.map((block, i) => ({
    kind: kinds[i]!,
    raw: block.raw,
    cuts: [
      ...pageCuts(block.raw),
      ...markers.filter((m) => m.block === i).map((m) => ({ start: m.start, end: m.end, note: noteIds.get(m.label)! })),
      ...(orphan && i === 0 ? [{ start: orphan.index, end: orphan.index + 1, orphan: '1' }] : []),
    ].sort((a, b) => a.start - b.start),
  }))
  const rawNotes: RawNote[] = notes.map((n) => ({ label: n.label, raw: n.raw, cuts: pageCuts(n.raw) }))
  const units = assembleUnits(id, raw, rawNotes, pageBefore(blocks), (i) => {
    diag.warn(blocks[i]!.lines[0]!.line, `${kinds[i]} has no text once markers are removed`)
  })

  const part = VOLUME_PART.exec(id)
  const dateline = units.filter((u) => u.kind === 'head').flatMap((u) => u.text.split('\n')).map(readDateline).find((d) => d !== undefined)
  const document: Document = {
    id, type: 'document',
    ...(number !== undefined && { number }),
    title: titleBlock ? units[0]!.text : id,
    ...dateline,
    ...(part && { volume: part[1]!, source: sourceUrl(part[1]!, part[2]!) }),
    units,
  }
  return { documents: [annotateReferences(document)], diagnostics: diag.list }
}

/** Index of the first line of the trailing notes, or `lines.length` when there are none. */
function findNotes(lines: readonly string[]): number {
  let from = lines.length
  let expect: number | undefined
  for (let i = lines.length - 1; i > 0; i--) {
    const m = NOTE_START.exec(lines[i]!)
    if (!m) continue
    const label = m[1]!
    const n = /^\d/.test(label) ? Number(label) : undefined
    // Read upwards: the labels must count down to 1 (or be symbols).
    if (expect !== undefined && n !== expect) break
    from = i
    if (n === undefined || n === 1) {
      if (n === 1) return i
      expect = undefined
      continue
    }
    expect = n - 1
  }
  return expect === undefined ? from : lines.length
}

interface Note {
  label: string
  line: number
  raw: string
}

function readNotes(lines: readonly string[], from: number): Note[] {
  const notes: Note[] = []
  for (let i = from; i < lines.length; i++) {
    const m = NOTE_START.exec(lines[i]!)
    if (m) notes.push({ label: m[1]!, line: i + 1, raw: lines[i]!.slice(m[0].length) })
    else if (lines[i]!.trim() !== '') notes[notes.length - 1]!.raw += ' ' + lines[i]!.trim()
  }
  return notes
}

/** Splits the lines above the notes into the title, the head and the paragraphs. */
function readBody(lines: readonly string[], end: number, diag: Diagnostics) {
  let i = nextNonBlank(lines, 0, end)
  const heads: Block[] = []
  while (i + 1 < end && FILE_NUMBER.test(lines[i]!)) {
    heads.push(block([{ text: lines[i]!, line: i + 1 }]))
    i = nextNonBlank(lines, i + 1, end)
  }
  let titleBlock: Block | undefined
  let number: string | undefined
  const first = lines[i] ?? ''
  if (first.length > MAX_TITLE || i >= end) {
    diag.warn(i + 1, 'no title line: the first line reads as a paragraph; the document id stands as its title')
  } else {
    const numbered = NUMBERED_TITLE.exec(first)
    number = numbered?.[1]
    titleBlock = block([{ text: numbered ? first.slice(numbered[0].length) : first, line: i + 1 }])
    i++
  }
  const rest = groupBlocks(lines, i, end)
  const firstParagraph = rest.findIndex((b) => !isHead(b))
  if (firstParagraph > 0) heads.push(...rest.splice(0, firstParagraph))
  return { titleBlock, number, heads, paragraphs: rest }
}

function nextNonBlank(lines: readonly string[], from: number, end: number): number {
  let i = from
  while (i < end && lines[i]!.trim() === '') i++
  return i
}

/**
 * Groups body lines into blocks. Blank lines separate paragraphs when the
 * page has them; otherwise each line is one, unless the lines are hard-wrapped.
 */
function groupBlocks(lines: readonly string[], from: number, end: number): Block[] {
  const body = lines.slice(from, end).map((text, k) => ({ text, line: from + k + 1 }))
  const inner = trimBlank(body)
  const hasBlank = inner.some((l) => l.text.trim() === '')
  let groups: { text: string; line: number }[][]
  if (hasBlank) {
    groups = []
    let current: { text: string; line: number }[] = []
    for (const l of inner) {
      if (l.text.trim() === '') {
        if (current.length) groups.push(current)
        current = []
      } else current.push(l)
    }
    if (current.length) groups.push(current)
  } else {
    const width = wrapWidth(inner.map((l) => l.text))
    groups = []
    for (const l of inner) {
      const last = groups[groups.length - 1]
      const prev = last?.[last.length - 1]
      const continues = width !== undefined && prev !== undefined && prev.text.trimEnd().length >= width - 15
      if (continues) last!.push(l)
      else groups.push([l])
    }
  }
  return mergeAcrossPageMarkers(groups.map(block))
}

function trimBlank<T extends { text: string }>(lines: T[]): T[] {
  let a = 0
  let b = lines.length
  while (a < b && lines[a]!.text.trim() === '') a++
  while (b > a && lines[b - 1]!.text.trim() === '') b--
  return lines.slice(a, b)
}

/** The width lines are wrapped to, if most lines of a page without blank lines reach it. */
function wrapWidth(texts: string[]): number | undefined {
  if (texts.length < 4) return undefined
  const lengths = texts.map((t) => t.trimEnd().length).sort((a, b) => a - b)
  const width = lengths[Math.floor(lengths.length * 0.9)]!
  const near = lengths.filter((n) => n >= width - 15).length
  return width <= 100 && near >= lengths.length / 2 ? width : undefined
}

/**
 * Joins a block's lines: a hard wrap becomes a space; a list item, label or
 * table row keeps its line, and so does a line of a block of short lines (a
 * participants list, an address) unless it continues a sentence in lower case.
 */
function block(lines: { text: string; line: number }[]): Block {
  let raw = ''
  const starts: Block['lines'] = []
  const short = LABEL_LINE.test(lines[0]?.text ?? '') || lines.every((l) => l.text.trim().length < SHORT_LINE)
  for (const l of lines) {
    if (PAGE_ONLY.test(l.text) && raw !== '') {
      // A marker on a line of its own inside a paragraph breaks the page, not the paragraph.
      starts.push({ at: raw.length, line: l.line })
      raw += ' ' + l.text.trim()
      continue
    }
    const text = raw === '' ? l.text.trim() : l.text.trimEnd()
    if (raw !== '') {
      if (/\p{L}-$/u.test(raw) && /^\s*\p{Ll}/u.test(text)) {
        // A word hyphenated at the wrap: keep the hyphen, close the gap.
      } else raw += (short && !/^\s*\p{Ll}/u.test(text)) || LINE_BREAK_BEFORE.test(text) ? '\n' : ' '
    }
    starts.push({ at: raw.length, line: l.line })
    raw += raw === '' ? text : text.trimStart()
  }
  return { raw, lines: starts }
}

/**
 * A page marker standing alone between two blocks that are one sentence cut
 * in two (`whose` / `[Page 362]` / `solution`) joins them back.
 */
function mergeAcrossPageMarkers(blocks: Block[]): Block[] {
  const out: Block[] = []
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!
    const prev = out[out.length - 1]
    const next = blocks[i + 1]
    if (PAGE_ONLY.test(b.raw) && prev && next && !ENDS_SENTENCE.test(prev.raw) && /^\s*\p{Ll}/u.test(next.raw)) {
      out[out.length - 1] = joinBlocks(joinBlocks(prev, b), next)
      i++
    } else if (PAGE_ONLY.test(b.raw) && next) {
      // A marker between paragraphs belongs to the start of the next one.
      blocks[i + 1] = joinBlocks(b, next)
    } else out.push(b)
  }
  return out
}

function joinBlocks(a: Block, b: Block): Block {
  const shift = a.raw.length + 1
  return { raw: `${a.raw} ${b.raw}`, lines: [...a.lines, ...b.lines.map((l) => ({ at: l.at + shift, line: l.line }))] }
}

/** A short block before the first real paragraph: a head line, not a paragraph. */
function isHead(b: Block): boolean {
  const lines = b.raw.split('\n')
  return lines.every((l) => l.length <= MAX_HEAD_LINE && !(SENTENCE.test(l) && l.split(/\s+/).length >= 8))
}

function pageCuts(raw: string): Cut[] {
  return [...raw.matchAll(PAGE_MARKER)].map((m) => ({
    start: m.index, end: m.index + m[0].length, page: pageLabel(m[1], m[2]!),
  }))
}

function pageLabel(kind: string | undefined, n: string): Page {
  if (kind === 'Facsimile') return `Facsimile ${n}`
  return /^\d+$/.test(n) ? Number(n) : n
}

/** The page the text before the first marker is on: the one before it, when that can be known. */
function pageBefore(blocks: readonly Block[]): Page | undefined {
  for (const b of blocks) {
    const m = new RegExp(PAGE_MARKER.source).exec(b.raw)
    if (!m) continue
    const page = pageLabel(m[1], m[2]!)
    if (typeof page === 'number') return page > 1 ? page - 1 : undefined
    const roman = romanValue(page)
    if (roman === undefined || roman <= 1) return undefined
    return page === page.toLowerCase() ? toRoman(roman - 1).toLowerCase() : toRoman(roman - 1)
  }
  return undefined
}

function lineAt(b: Block, at: number): number {
  let line = b.lines[0]!.line
  for (const l of b.lines) if (l.at <= at) line = l.line
  return line
}
