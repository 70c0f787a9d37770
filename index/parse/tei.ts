/**
 * Reads a FRUS volume in TEI XML (as published at github.com/HistoryAtState/frus)
 * into documents, with a streaming XML parser (saxes) so that a volume of any
 * size is read in one pass.
 *
 * - Each `<div type="document">` is a document: id `<volume>-<xml:id>`,
 *   number `@n`, title from `<head>` (its leading `12.` dropped), date and
 *   place from the document's own `<dateline>`, not an attachment's (its
 *   `<date when>`, else its text; without a dated dateline, the date the
 *   editors gave the div, `frus:doc-dateTime-min`), the chapter
 *   (`compilation`/`chapter` div) it sits in. Divs nested in a document
 *   (attachments) stay in it; their heads are head units.
 * - Units: `<head>` is the title; `<dateline>`, an `<opener>` before the first
 *   paragraph or after a head, and a SUBJECT or PARTICIPANTS list before the
 *   first paragraph, are head units; `<p>`, list `<item>`s, table `<row>`s
 *   (cells joined by ` | `), `<closer>`, `<salute>` and `<postscript>` are
 *   paragraphs.
 * - A `<p>`, `<item>` or `<row>` nested in another block (a list inside a
 *   paragraph, paragraphs inside its items, a table or a quoted letter inside
 *   a paragraph) is a unit of its own, in reading order, with its own pages
 *   and notes; the outer block's text after it goes on as another unit. One
 *   unit for all of it would hold pages of text (33,000 characters over 12
 *   pages in one volume), which BM25's length normalisation buries.
 * - A list's `<label>` (`1.`, `(a)`) begins the item it numbers, and so does
 *   a paragraph that is only a number (the minutes' `<p>2.</p>`). Elements
 *   that part lines (verse, a caption, a salute after a dateline) part words
 *   where the markup holds no space. A `<choice>` reads as the editors give it
 *   (`corr`, `reg`, `expan`), not as written (`sic`, `orig`, `abbr`).
 * - `<note>` is a footnote, numbered as printed (`@n`), cited at the place it
 *   stands; a note outside any paragraph (a bracketed source line) is cited by
 *   none and stands on the page where it is. A note printed inline
 *   (`rend="inline"`, not a source note) is words of the text where it stands.
 * - `<pb n>` breaks the page where it stands, as `[Page N]` does in page text.
 * - Front matter sections (preface, sources, abbreviations, persons, the note
 *   on covert actions) are documents of type `section`. The table of contents
 *   and the back-of-book index are not indexed: they repeat titles and
 *   document numbers, and neither is the title page, which repeats the
 *   header's facts. Their page breaks are still counted in the volume.
 * - A div the editors mark as a historical document (`subtype=
 *   "historical-document"`) is a document wherever it stands: the President's
 *   message in the front matter of the 1861 volume, each document of an
 *   appendix (the appendix's head is then their chapter, not a document).
 * - Prose outside any document (a chapter's introduction, the notice of a
 *   volume not yet digitized) is a section of its own, under its chapter's
 *   head: it is read, never dropped.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes'
import { sourceUrl, type Annotation, type Document, type Page, type Person, type Term, type Volume } from '../../src/model'
import type { Cut } from './cleantext'
import { readDateline } from './dateline'
import { Diagnostics } from '../diagnostics'
import type { ParsedFile } from './pagetext'
import { assembleUnits, noteId, type RawBlock, type RawNote } from './units'

/** Sections left out of the index, by `xml:id` or div type. */
const SKIPPED_SECTIONS = new Set(['toc', 'index'])
/** Front matter left out: the title page repeats what the header says of the volume (its title, editors, imprint). */
const SKIPPED_ELEMENTS = new Set(['titlePage'])
/** Elements that make a unit of their own when no unit is open. */
const BLOCKS = new Set(['p', 'ab', 'item', 'row', 'closer', 'opener', 'salute', 'postscript', 'dateline', 'head', 'signed', 'byline', 'quote', 'table', 'list', 'label'])
/** Blocks that are units of their own even inside another block. */
const NESTED_BLOCKS = new Set(['p', 'item', 'row'])
/**
 * Elements whose edges part words, in a block they do not open: a verse's lines, a table's caption, the salute after an
 * opener's dateline. Markup does not hold the spaces a reader sees between them (`<l>one</l><l>two</l>`), and joined they would
 * index `onetwo`.
 */
const BREAKS = new Set([...BLOCKS, 'l', 'lg', 'address', 'addrLine', 'figure', 'trailer'])
/** A `<choice>`'s readings as written, passed over for the editors' (`corr`, `reg`, `expan`): the text reads once. */
const AS_WRITTEN = new Set(['sic', 'orig', 'abbr'])
/** Parts of a document that are documents of their own: an enclosure, an attached memorandum. */
const ATTACHMENTS = new Set(['div', 'attachment'])
/** Lists that belong to a document's head when they come before its first paragraph. */
const HEAD_LISTS = new Set(['subject', 'participants', 'from', 'to'])
const NUMBER_PREFIX = /^\s*\d+[A-Za-z]?\.\s+/
/** A paragraph that is only an item's number (`<p rend="center">2.</p>` before the minutes' second item), as a list's label is. */
const ITEM_NUMBER = /^(?:\(?(?:\d{1,3}|[IVXLC]{1,7})[.)]|\((?:\d{1,3}|[a-z]|[ivx]{1,4})\))$/

interface OpenBlock {
  kind: RawBlock['kind']
  raw: string
  cuts: RawBlock['cuts']
  /** Depth of the element that opened it: the block closes with that element. */
  depth: number
  /** The line it opens on, for diagnostics. */
  line: number
}

interface OpenNote {
  label?: string
  raw: string
  cuts: Cut[]
  depth: number
  page?: Page
}

interface DocumentBuilder {
  doc: Omit<Document, 'units' | 'title'> & { title?: string }
  depth: number
  startPage: Page | undefined
  blocks: RawBlock[]
  /** The line each block opened on. */
  lines: number[]
  notes: RawNote[]
  /** Page breaks seen since the last block closed, to open the next one with. */
  pendingPages: Page[]
  hasParagraph: boolean
  line: number
  /** Prose outside any div of its own (a chapter's introduction): it ends where a div opens or its container closes. */
  loose?: boolean
  /** Marked-up spans, by the key of their anchors (`a3` opens, `a3/` closes). */
  annotations: Map<string, Omit<Annotation, 'start' | 'end'>>
  /** The date the editors gave the document (`frus:doc-dateTime-min`): its date when no dateline gives one (an editorial note's). */
  dated?: string
}

/** Parses one TEI volume. `file` names it in diagnostics; the volume id comes from the file itself. */
export function parseTei(source: string, file: string, fallbackId: string): ParsedFile {
  const diag = new Diagnostics(file)
  const parser = new SaxesParser({ xmlns: false, position: true })
  const documents: Document[] = []
  const pages: Page[] = []
  const stack: SaxesTagPlain[] = []
  /** The divs that hold documents (chapters, compilations, an appendix of documents), innermost last. */
  const chapters: { depth: number; title: string; id?: string }[] = []
  /** Where the open `<front>`, `<body>` or `<back>` stands: the container of prose outside any div. */
  let regionDepth = 0
  /** Document ids given so far, with the line each was given on. */
  const ids = new Map<string, number>()

  let volumeId = fallbackId
  let volumeTitle = ''
  const titleParts: Partial<Pick<Volume, 'series' | 'subseries' | 'volumeNumber' | 'volumeTitle'>> = {}
  const persons: Person[] = []
  const terms: Term[] = []
  /** A person or term being defined by the list item now open (front matter). */
  let defining: { kind: 'person' | 'term'; id: string; name: string } | undefined
  /** Marked-up elements open now, innermost last. */
  const open: { depth: number; key: string }[] = []
  let anchors = 0
  /** Text of the element at `depth` collected for `done`; `keep` also leaves it in the unit. */
  let capture: { depth: number; text: string; keep: boolean; done: (text: string) => void } | undefined
  let region: 'header' | 'front' | 'body' | 'back' | undefined
  let skipDepth: number | undefined
  let page: Page | undefined
  let builder: DocumentBuilder | undefined
  let block: OpenBlock | undefined
  /** Blocks left open by a nested block, innermost last: each goes on once the nested one closes. */
  const outer: Pick<OpenBlock, 'kind' | 'depth'>[] = []
  let note: OpenNote | undefined
  let listHead: string | undefined
  /** Whether the next text of the open block follows an element that parts words (`BREAKS`). */
  let partNext = false
  /** A list's `<label>` (`1.`, `(a)`), read before the item it numbers. */
  let itemLabel: string | undefined
  let listType: string | undefined
  /** The dateline open now: where its text starts in the open block, to read a date its markup does not give. */
  let dateline: { depth: number; from: number } | undefined

  const local = (name: string) => name.slice(name.indexOf(':') + 1)
  const depth = () => stack.length
  const append = (text: string) => {
    if (note) note.raw += text
    else if (block) block.raw += text
    else if (builder && text.trim() !== '') {
      diag.warn(parser.line, `text outside any paragraph in ${builder.doc.id}; kept as a paragraph`)
      openBlock('paragraph')
      block!.raw += text
    }
  }
  const openBlock = (kind: OpenBlock['kind']) => {
    block = { kind, raw: '', cuts: builder!.pendingPages.map((p) => ({ start: 0, end: 0, page: p })), depth: depth(), line: parser.line }
    builder!.pendingPages = []
    partNext = false
    if (listHead !== undefined && kind !== 'title') {
      block.raw = `${listHead}\n`
      listHead = undefined
    }
    if (itemLabel !== undefined && kind !== 'title') {
      block.raw += `${itemLabel} `
      itemLabel = undefined
    }
  }
  const closeBlock = () => {
    if (!block || !builder) return
    if (defining) {
      // The item's text after the name: a person's role, an abbreviation's meaning.
      const text = block.raw.replace(/\s+/g, ' ').trim()
      const rest = text.slice(text.indexOf(defining.name) + defining.name.length).replace(/^[\s,:;.–—-]+/, '').trim()
      if (defining.kind === 'person') persons.push({ id: defining.id, name: defining.name, ...(rest && { role: rest }) })
      else terms.push({ id: defining.id, abbreviation: defining.name, expansion: rest })
      defining = undefined
    }
    const text = block.raw.trim()
    const pages = block.cuts.flatMap((c) => ('page' in c ? [c.page] : []))
    if (block.kind === 'paragraph' && pages.length === block.cuts.length && ITEM_NUMBER.test(text)) {
      // It begins the next block, as a list's label does (`keepLabel` when none comes).
      itemLabel = text
      builder.pendingPages.push(...pages)
    } else if (text !== '' || block.cuts.some((c) => 'note' in c)) pushBlock(block)
    else builder.pendingPages.push(...pages)
    block = undefined
  }
  const pushBlock = (done: OpenBlock) => {
    builder!.blocks.push({ kind: done.kind, raw: done.raw, cuts: done.cuts })
    builder!.lines.push(done.line)
    if (done.kind === 'paragraph') builder!.hasParagraph = true
  }
  /** A label (or a paragraph that is only a number) no block came after: it stays where it stands, never dropped. */
  const keepLabel = () => {
    if (itemLabel === undefined || !builder) {
      itemLabel = undefined
      return
    }
    if (block) {
      block.raw += ` ${itemLabel}`
      itemLabel = undefined
      return
    }
    openBlock('paragraph') // which begins with the label, and takes it
    pushBlock(block!)
    block = undefined
  }
  /** A document begun at the div (or container) at depth `at`. */
  const startDocument = (attrs: Record<string, string>, type: Document['type'], at = depth(), title?: string): DocumentBuilder => {
    const divId = attrs['xml:id'] ?? `${type}${documents.length + 1}`
    const number = attrs['n']
    const dated = isoDate(attrs['frus:doc-dateTime-min'])
    // Outside the body, the container that holds it (an appendix), else the front or back matter.
    const chapter = region === 'body' ? chapters.at(-1)?.title : chapters.at(-1)?.title || (region === 'back' ? 'Back matter' : 'Front matter')
    const id = `${volumeId}-${divId}`
    const first = ids.get(id)
    if (first === undefined) ids.set(id, parser.line)
    else diag.error(parser.line, `document id ${id} is given twice in this volume (first at line ${first}); give each div its own xml:id`)
    return {
      doc: {
        id, type, volume: volumeId,
        ...(number !== undefined && type === 'document' && { number }),
        ...(chapter !== undefined && { chapter }),
        ...(title !== undefined && { title }),
        source: sourceUrl(volumeId, divId),
      },
      depth: at, startPage: page, blocks: [], lines: [], notes: [], pendingPages: [], hasParagraph: false, line: parser.line,
      annotations: new Map(), ...(dated !== undefined && { dated }),
    }
  }
  /** A section for prose that stands outside any document, titled and identified by the div that holds it. */
  const startLoose = (): DocumentBuilder => {
    const container = chapters.at(-1)
    const base = container?.id ?? region!
    let divId = base
    for (let n = 2; ids.has(`${volumeId}-${divId}`); n++) divId = `${base}-${n}`
    const title = container?.title || volumeTitle || volumeId
    return { ...startDocument({ 'xml:id': divId }, 'section', container?.depth ?? regionDepth, title), loose: true }
  }
  /**
   * The open section becomes the container of the historical documents it holds (an appendix): its head is their chapter, and
   * what it held before them, past its head, stays a section of its own.
   */
  const holdDocuments = () => {
    const section = builder!
    closeBlock()
    const head = section.blocks[0]?.kind === 'title' ? section.blocks[0].raw.replace(/\s+/g, ' ').trim() : ''
    chapters.push({ depth: section.depth, title: head, id: section.doc.id.slice(volumeId.length + 1) })
    if (section.blocks.length > (head ? 1 : 0) || section.notes.length > 0) endDocument()
    else builder = undefined
  }
  const endDocument = () => {
    const b = builder!
    closeBlock()
    keepLabel()
    const { doc } = b
    if (!doc.date && b.dated) doc.date = b.dated
    const hasTitle = b.blocks[0]?.kind === 'title'
    if (hasTitle) b.blocks[0] = withoutNumber(b.blocks[0]!)
    else if (doc.title === undefined) diag.warn(b.line, `${doc.id} has no <head>: its id stands as its title`)
    const units = assembleUnits(doc.id, b.blocks, b.notes, b.startPage, (i) => {
      diag.warn(b.lines[i] ?? b.line, `${doc.id}: a ${b.blocks[i]!.kind} has no text`)
    }, b.annotations)
    documents.push({ ...doc, title: hasTitle ? units[0]!.text : doc.title ?? doc.id, units })
    builder = undefined
  }

  parser.on('opentag', (tag) => {
    const name = local(tag.name)
    const attrs = tag.attributes
    stack.push(tag)
    if (name === 'teiHeader') region = 'header'
    else if (name === 'front' || name === 'body' || name === 'back') {
      region = name
      regionDepth = depth()
    }
    if (region === 'header') {
      if (name === 'title' && attrs['type'] === 'complete') capture = { depth: depth(), text: '', keep: false, done: (t) => (volumeTitle = t) }
      const part = name === 'title' ? TITLE_PARTS[attrs['type'] ?? ''] : undefined
      if (part) capture = { depth: depth(), text: '', keep: false, done: (t) => (titleParts[part] = t) }
      if (name === 'idno' && attrs['type'] === 'frus') capture = { depth: depth(), text: '', keep: false, done: (t) => (volumeId = t || volumeId) }
      return
    }
    if (name === 'TEI' && attrs['xml:id']) volumeId = attrs['xml:id']
    if (name === 'pb') {
      const label = pageLabel(attrs['n'])
      if (label === undefined) {
        diag.warn(parser.line, 'a <pb> without n: page break ignored')
        return
      }
      pages.push(label)
      page = label
      if (skipDepth !== undefined || note) return
      if (block) block.cuts.push({ start: block.raw.length, end: block.raw.length, page: label })
      else builder?.pendingPages.push(label)
      return
    }
    if (skipDepth !== undefined) return
    if (AS_WRITTEN.has(name) && parentIs('choice')) {
      skipDepth = depth()
      return
    }

    if (name === 'div') {
      const type = attrs['type']
      const historical = type === 'document' || attrs['subtype'] === 'historical-document'
      if (builder?.loose) endDocument()
      if (builder) {
        if (!historical || builder.doc.type !== 'section') return // an attachment or other part of the document
        holdDocuments()
      }
      if (historical) builder = startDocument(attrs, 'document')
      else if ((region === 'front' || region === 'back') && (SKIPPED_SECTIONS.has(attrs['xml:id'] ?? '') || SKIPPED_SECTIONS.has(type ?? ''))) skipDepth = depth()
      else if (region === 'front' || region === 'back') builder = startDocument(attrs, 'section')
      else chapters.push({ depth: depth(), title: '', ...(attrs['xml:id'] !== undefined && { id: attrs['xml:id'] }) })
      return
    }
    if (!builder) {
      // A chapter's head names the chapter.
      const chapter = chapters[chapters.length - 1]
      if (name === 'head' && chapter && chapter.depth === depth() - 1 && chapter.title === '') {
        capture = { depth: depth(), text: '', keep: false, done: (t) => (chapter.title = t) }
        return
      }
      if (SKIPPED_ELEMENTS.has(name)) skipDepth = depth()
      if (!BLOCKS.has(name) || region === undefined || skipDepth !== undefined) return
      builder = startLoose()
    }

    const marked = annotationOf(name, attrs, volumeId)
    const sink = note ?? block
    if (marked && sink) {
      const key = `a${anchors++}`
      builder.annotations.set(key, marked)
      sink.cuts.push({ start: sink.raw.length, end: sink.raw.length, anchor: key, side: 'open' })
      open.push({ depth: depth(), key })
    }
    const defines = attrs['xml:id'] && (name === 'persName' || name === 'term') ? attrs['xml:id'] : undefined
    if (defines && block && builder.doc.type === 'section') {
      const kind = name === 'persName' ? 'person' : 'term'
      const id = `${volumeId}-${defines}`
      capture = { depth: depth(), text: '', keep: true, done: (t) => (defining = { kind, id, name: t }) }
    }

    if (name === 'note' && attrs['rend'] === 'inline' && attrs['type'] !== 'source') {
      // Printed in the text, not below it (`<head><note rend="inline">Attachment</note> Memo</head>`): its words are the block's.
      if (!note && !block) openBlock('paragraph')
      return
    }
    if (name === 'note') {
      const label = attrs['n']
      if (block) {
        const id = noteId(builder.doc.id, builder.notes.length)
        block.cuts.push({ start: block.raw.length, end: block.raw.length, note: id })
      }
      note = { ...(label !== undefined && { label }), raw: '', cuts: [], depth: depth(), ...(page !== undefined && { page }) }
      return
    }
    if (note) {
      if (BREAKS.has(name) && note.raw.trim() !== '') note.raw += '\n'
      if (name === 'lb') note.raw += '\n'
      return
    }
    if (name === 'lb') {
      append('\n')
      return
    }
    if (name === 'list') {
      listType = attrs['type']
      if (block) block.raw += '\n'
      return
    }
    if (name === 'head' && parentIs('list')) {
      capture = { depth: depth(), text: '', keep: false, done: (t) => (listHead = t) }
      return
    }
    if (name === 'label' && parentIs('list')) {
      capture = { depth: depth(), text: '', keep: false, done: (t) => (itemLabel = t || undefined) }
      return
    }
    if (name === 'date' && inside('dateline') && !builder.doc.date && !inAttachment()) {
      const when = isoDate(attrs['when'] ?? attrs['from'] ?? attrs['notBefore'] ?? attrs['when-iso'])
      if (when) builder.doc.date = when
    }
    if (name === 'dateline' && !note) dateline = { depth: depth(), from: block?.raw.length ?? 0 }
    if (name === 'placeName' && inside('dateline') && !builder.doc.place && !inAttachment()) {
      capture = { depth: depth(), text: '', keep: true, done: (t) => (builder!.doc.place = t.replace(/[\s,;:]+$/, '')) }
    }
    if (block && NESTED_BLOCKS.has(name)) {
      outer.push({ kind: block.kind === 'title' ? 'paragraph' : block.kind, depth: block.depth })
      closeBlock()
      openBlock(outer.at(-1)!.kind)
      return
    }
    if (block) {
      if (name === 'cell' && !/\n\s*$|^\s*$/.test(block.raw.slice(block.raw.lastIndexOf('\n') + 1))) block.raw += ' | '
      else if (BREAKS.has(name)) partWords()
      return
    }
    if (name === 'head') {
      openBlock(builder.depth === depth() - 1 && builder.blocks.length === 0 ? 'title' : 'head')
      return
    }
    // Volumes wrap the dateline (and a despatch's number) in an <opener>: a head line too, before the first paragraph or
    // after a head (an attachment's).
    if (name === 'dateline' || (name === 'opener' && (!builder.hasParagraph || builder.blocks.at(-1)?.kind === 'head'))) openBlock('head')
    else if (name === 'item') openBlock(!builder.hasParagraph && HEAD_LISTS.has(listType ?? '') ? 'head' : 'paragraph')
    else if (BLOCKS.has(name) && name !== 'list' && name !== 'table') openBlock('paragraph')
  })

  parser.on('text', (raw) => {
    let text = raw.replace(/\s+/g, ' ')
    if (partNext && block && !note && /^[\p{L}\p{N}]/u.test(text)) text = `\n${text}`
    partNext = false
    if (capture) {
      capture.text += text
      if (!capture.keep) return
    }
    if (region === undefined || region === 'header' || skipDepth !== undefined) return
    if (!builder && text.trim() !== '') builder = startLoose()
    if (builder) append(text)
  })

  parser.on('closetag', (tag) => {
    const name = local(tag.name)
    const d = depth()
    if (capture && capture.depth === d) {
      capture.done(capture.text.trim())
      capture = undefined
    }
    if (dateline && dateline.depth === d) {
      // A date without `when`: read from the dateline's text, as page text's is (what the reader sees, before the div's date),
      // when the dateline is the document's own (before its first paragraph), not an attachment's.
      if (builder && block && !builder.doc.date && !builder.hasParagraph && !inAttachment()) {
        const read = readDateline(block.raw.slice(dateline.from).replace(/\s+/g, ' '))
        if (read) {
          builder.doc.date = read.date
          if (!builder.doc.place && read.place) builder.doc.place = read.place
        }
      }
      dateline = undefined
    }
    if (open.length > 0 && open[open.length - 1]!.depth === d) {
      const { key } = open.pop()!
      const sink = note ?? block
      sink?.cuts.push({ start: sink.raw.length, end: sink.raw.length, anchor: `${key}/`, side: 'close' })
    }
    // A word right after it (`</l>and`) is parted from it; a space in the source parts it already, and punctuation stays.
    if (skipDepth === undefined && !note && block && block.depth !== d && BREAKS.has(name)) partNext = true
    if (skipDepth === d) skipDepth = undefined
    else if (note && note.depth === d) {
      const { label, raw, cuts, page: standsOn } = note
      builder!.notes.push({ ...(label !== undefined && { label }), raw, cuts, ...(standsOn !== undefined && { page: standsOn }) })
      note = undefined
    } else if (block && block.depth === d) {
      closeBlock()
      const resumed = outer.pop()
      if (resumed) {
        openBlock(resumed.kind)
        block!.depth = resumed.depth
      }
    }
    else if (builder && builder.depth === d) endDocument()
    // A container's loose prose ends with it (above), and so does the container.
    if (chapters.length > 0 && chapters[chapters.length - 1]!.depth === d) chapters.pop()
    if (name === 'list') {
      listType = undefined
      keepLabel()
    }
    if (name === 'teiHeader') region = undefined
    stack.pop()
  })

  /** Whether the open element is in an attachment (a div or `frus:attachment` in the document), whose dateline is not the document's. */
  function inAttachment(): boolean {
    for (let i = builder!.depth; i < stack.length - 1; i++) if (ATTACHMENTS.has(local(stack[i]!.name))) return true
    return false
  }

  /** Whether the open element's parent is a `name`. */
  function parentIs(name: string): boolean {
    const parent = stack[stack.length - 2]
    return parent !== undefined && local(parent.name) === name
  }

  /** Parts the open block's last word from what comes next, unless a space does already. */
  function partWords(): void {
    if (block && /\S$/.test(block.raw)) block.raw += '\n'
  }

  function inside(name: string): boolean {
    return stack.some((t) => local(t.name) === name)
  }

  try {
    parser.write(source).close()
  } catch (e) {
    diag.error(parser.line, `not well-formed XML: ${(e as Error).message.replace(/^[^:]*:\d+:\d+: /, '')}`)
    return { documents: [], diagnostics: diag.list }
  }
  if (!documents.some((d) => d.type === 'document')) diag.warn(1, 'no <div type="document"> in this TEI file')
  return {
    documents,
    volume: { id: volumeId, title: volumeTitle || volumeId, ...titleParts, pages, persons, terms },
    diagnostics: diag.list,
  }
}

/** The header's title parts, by their `type`. */
const TITLE_PARTS: Record<string, 'series' | 'subseries' | 'volumeNumber' | 'volumeTitle'> = {
  series: 'series', 'sub-series': 'subseries', 'volume-number': 'volumeNumber', volume: 'volumeTitle',
}

/**
 * What a marked-up element says of its text: a person named (`persName
 * corresp`), an abbreviation (`gloss target`), a reference to a document
 * (`ref target`, of this volume or another). References to pages, volumes as
 * a whole or outside FRUS are not kept.
 */
function annotationOf(name: string, attrs: Record<string, string>, volume: string): Omit<Annotation, 'start' | 'end'> | undefined {
  if (name === 'persName' && attrs['corresp']?.startsWith('#')) return { type: 'person', target: `${volume}-${attrs['corresp'].slice(1)}` }
  if (name === 'gloss' && attrs['target']?.startsWith('#')) return { type: 'term', target: `${volume}-${attrs['target'].slice(1)}` }
  if (name === 'ref' && attrs['target']) {
    const m = /^(frus[\w-]+)?#(d\d+\w*?)(?:fn\d+)?$/.exec(attrs['target'])
    if (m) return { type: 'ref', target: `${m[1] ?? volume}-${m[2]}` }
  }
  return undefined
}

/** The title block without its leading document number (`12. `), which `@n` already gives. */
function withoutNumber(block: RawBlock): RawBlock {
  const cut = NUMBER_PREFIX.exec(block.raw)?.[0].length ?? 0
  return {
    ...block,
    raw: block.raw.slice(cut),
    cuts: block.cuts.map((c) => ({ ...c, start: Math.max(0, c.start - cut), end: Math.max(0, c.end - cut) })),
  }
}

/** An ISO date or date-time's date (`1969-11-20T18:03:00-05:00` → `1969-11-20`; `1964-01`, `1964` as they are). */
function isoDate(value: string | undefined): string | undefined {
  return value === undefined ? undefined : /^\d{4}(-\d\d(-\d\d)?)?/.exec(value)?.[0]
}

function pageLabel(n: string | undefined): Page | undefined {
  if (n === undefined || n.trim() === '') return undefined
  return /^\d+$/.test(n) ? Number(n) : n
}
