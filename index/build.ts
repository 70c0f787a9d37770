/**
 * Builds the paged index (src/format/layout.ts) from a corpus folder, in
 * bounded memory and in time linear in the corpus:
 *
 * 1. The corpus files are hashed. When they and the build's code are those
 *    of the index already in `out`, it is up to date and nothing is done.
 * 2. Files are read in groups of at most about {@link GROUP_BYTES}, one group
 *    at a time: parsed, their units cut into pages, their postings gathered into a
 *    segment written out as a sorted run. A group's results are kept in the
 *    cache under the hash of its files, so that a rebuild after one volume
 *    changed parses that volume's group alone.
 * 3. The runs are merged into the postings and positions streams with the
 *    whole corpus's statistics; the lexicon, the documents and the resident
 *    file follow; the manifest is written last.
 *
 * Files are staged and moved into `out` only when the whole index is written:
 * a corpus with errors, or an index the target cannot hold, leaves `out` as it was.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import type { Counts, DocumentEntry, VolumeCounts } from '../src/format/layout'
import { FORMAT, MANIFEST_FILE, PAGE_KINDS, type Manifest, type ResidentMeta } from '../src/format/layout'
import { DOCUMENT_TYPES, surname, type Volume } from '../src/model'
import { encodeBlobs } from '../src/format/units'
import { frontCode } from '../src/front-coded'
import { DOCUMENTS_PAGE, RESIDENT, type PageFiles } from '../src/format/packs'
import { encodePack, type Sections } from '../src/pack'
import { unitCode } from '../src/rank'
import { stem } from '../src/text'
import { DocumentIds, listCorpus, parseCorpusFile, type CorpusFile } from './corpus'
import { inFileOrder, type Diagnostic } from './diagnostics'
import { countDocuments, documentEntry, taggedSurnames } from './documents'
import { buildGlossary, writeLexicon } from './lexicon'
import { mergeRuns } from './merge'
import { contentHash, IndexOutput, PagedStream } from './output'
import { Segment } from './segment'
import { checkTarget, type TargetName } from './targets'
import { UnitPagesWriter } from './unit-pages'

/** Corpus bytes read into one segment: its postings and pages then take a few hundred MB. */
export const GROUP_BYTES = 32 * 2 ** 20

/** Page sizes, documented where they are set. */
export const pageDefaults = {
  /**
   * Postings and positions pages: the whole FRUS series in about 11,000 files, under the Free plan's 20,000. 512 KB, not 256: a
   * common word's blocks at a cold query's candidates sit on fewer pages, so fewer rounds of reads (at 1 GB, cold p95 in workerd
   * 305–309 → 242–264 ms), for a fifth more bytes read; 1 MB cut the rounds further but read twice the bytes, which a read's
   * transfer time and the hash check of every byte give back (docs/edge.md).
   */
  stream: 512 * 1024,
  /** Units pages: a snippet reads one; a long document's reading page a few. */
  units: 256 * 1024,
  /**
   * Lexicon and completions pages: a lookup reads one, a typo's walk several. 64 KB, not 32: a walk of six pages covers the keys
   * twelve did, in one round of six reads, not two (docs/edge.md).
   */
  lexicon: 64 * 1024,
  /** Documents pages. */
  documents: 128 * 1024,
}

/** Keys between two resident keys of a sorted table's sparse index. */
const LEXICON_STEP = 32
/** A prefix beginning more words than this gets its completions precomputed; fewer are read from the lexicon (a page or two). */
const COMPLETION_THRESHOLD = 256
/** Completions kept per prefix: as many as a query expands a prefix to (src/query/plan.ts). */
const COMPLETION_COUNT = 40

export interface BuildOptions {
  corpus: string
  out: string
  target: TargetName
  builtAt: Date
  /** Folder of cached segments; false for none. */
  cache: string | false
  /** Page size of the postings and positions streams. */
  streamPageBytes?: number
  /** Corpus bytes a group of files holds at most (about: it ends after the file that reaches it). */
  groupBytes?: number
  onProgress?: (phase: string, done: number, total: number) => void
}

export interface BuildReport {
  /** Absent when the corpus had errors. */
  manifest?: Manifest
  diagnostics: Diagnostic[]
  files: { read: number; skipped: number }
  /** The index in `out` was already built from these files by this code. */
  upToDate: boolean
  groups: { total: number; reused: number }
}

/** What a group of files leaves in the cache. */
interface GroupMeta {
  diagnostics: Diagnostic[]
  documents: DocumentEntry[]
  /** The file each document came from. */
  sources: string[]
  volumes: Volume[]
  counts: Counts & { volumes: VolumeCounts[] }
  units: number
  pages: { name: string; first: number; gzip: number }[]
}

export async function buildIndex(options: BuildOptions): Promise<BuildReport> {
  const progress = options.onProgress ?? (() => {})
  const listed = await listCorpus(options.corpus)
  const diagnostics: Diagnostic[] = [...listed.diagnostics]
  const files = { read: listed.files.length, skipped: listed.skipped }
  const streamPageBytes = options.streamPageBytes ?? pageDefaults.stream
  const settings = JSON.stringify({ format: FORMAT, code: codeHash(), streamPageBytes, pages: pageDefaults, target: options.target })
  const hashes = listed.files.map((f) => [relative(options.corpus, f.path), fileHash(f.path)] as const)
  const inputs = sha256(settings + JSON.stringify(hashes))
  const groups = groupFiles(listed.files, hashes, settings, options.groupBytes ?? GROUP_BYTES)

  const previous = readManifest(options.out)
  if (previous?.inputs === inputs && isComplete(options.out, previous)) {
    return { manifest: previous, diagnostics, files, upToDate: true, groups: { total: groups.length, reused: groups.length } }
  }

  const cacheRoot = options.cache === false ? undefined : options.cache
  const scratch = cacheRoot ?? join(options.out, `.scratch-${process.pid}`)
  mkdirSync(scratch, { recursive: true })
  const termOf = memoized(stem)
  const metas: GroupMeta[] = []
  let reused = 0
  let read = 0
  progress('reading', 0, listed.files.length)
  for (const group of groups) {
    const dir = join(scratch, group.key)
    if (existsSync(join(dir, 'meta.json'))) {
      reused++
      utimesSync(dir, new Date(), new Date())
    } else buildGroup(group.files, dir, termOf)
    metas.push(JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as GroupMeta)
    read += group.files.length
    progress('reading', read, listed.files.length)
  }

  const ids = new DocumentIds()
  for (const meta of metas) {
    diagnostics.push(...meta.diagnostics)
    meta.documents.forEach((d, i) => {
      const clash = ids.claim(d.id, meta.sources[i]!)
      if (clash) diagnostics.push(clash)
    })
  }
  const done = (manifest?: Manifest): BuildReport => {
    if (cacheRoot === undefined) rmSync(scratch, { recursive: true, force: true })
    else pruneCache(cacheRoot)
    return { ...(manifest && { manifest }), diagnostics: inFileOrder(diagnostics), files, upToDate: false, groups: { total: groups.length, reused } }
  }
  if (diagnostics.some((d) => d.severity === 'error') || metas.every((m) => m.documents.length === 0)) return done()

  const output = new IndexOutput(options.out)
  try {
    const manifest = writeFiles(output, metas, groups.map((g) => join(scratch, g.key)), termOf, {
      inputs, builtAt: options.builtAt, streamPageBytes, target: options.target, progress,
    })
    return done(manifest)
  } catch (e) {
    output.abandon()
    done()
    throw e
  }
}

interface Group {
  key: string
  files: CorpusFile[]
}

/** A group may end, past a quarter of its bytes, after about one file in this many: those whose names say so. */
const BOUNDARY_ODDS = 4

/**
 * Consecutive files, at most about `groupBytes` a group, each keyed by its
 * files' hashes and the build's settings. Past a quarter of that size a
 * group ends after a file whose name's hash says so (one in
 * {@link BOUNDARY_ODDS}), and at the full size after any file. Ends chosen
 * by the files' names, not by the bytes before them, stay put when a volume
 * is added, removed or grows: a rebuild parses the groups around the change,
 * not every group after it (content-defined chunking, as rsync and restic
 * cut files, at the grain of whole files).
 */
function groupFiles(files: readonly CorpusFile[], hashes: readonly (readonly [string, string])[], settings: string, groupBytes: number): Group[] {
  const groups: Group[] = []
  let current: CorpusFile[] = []
  let parts: string[] = [settings]
  let bytes = 0
  const close = () => {
    if (current.length === 0) return
    groups.push({ key: sha256(parts.join('\n')).slice(0, 32), files: current })
    current = []
    parts = [settings]
    bytes = 0
  }
  files.forEach((f, i) => {
    const [name, hash] = hashes[i]!
    current.push(f)
    parts.push(`${f.file}\u0000${hash}`)
    bytes += f.size
    if (bytes >= groupBytes || (bytes >= groupBytes / 4 && parseInt(sha256(name).slice(0, 8), 16) % BOUNDARY_ODDS === 0)) close()
  })
  close()
  return groups
}

/**
 * Parses a group's files and writes its run, its units pages and its meta
 * into `target`: into a folder of its own first, renamed into place whole,
 * so that builds running at once never see half a group.
 */
function buildGroup(files: readonly CorpusFile[], target: string, termOf: (word: string) => string): void {
  const dir = `${target}.${process.pid}.tmp`
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const meta: GroupMeta = { diagnostics: [], documents: [], sources: [], volumes: [], counts: countDocuments([]), units: 0, pages: [] }
  const segment = new Segment(termOf)
  const pages = new UnitPagesWriter(pageDefaults.units, (page) => {
    const name = `units.${contentHash(page)}.bin`
    writeFileSync(join(dir, name), page)
    meta.pages.push({ name, first: 0, gzip: gzipSync(page, { level: 1 }).byteLength })
  })
  const counts: ReturnType<typeof countDocuments>[] = []
  for (const f of files) {
    const parsed = parseCorpusFile(f, readFileSync(f.path))
    meta.diagnostics.push(...parsed.diagnostics)
    if (parsed.volume) meta.volumes.push(parsed.volume)
    const surnames = new Map((parsed.volume?.persons ?? []).map((p) => [p.id, surname(p)]))
    for (const doc of parsed.documents) {
      meta.documents.push(documentEntry(doc, meta.units))
      meta.sources.push(f.file)
      const { units, ...head } = doc
      for (const unit of units) {
        segment.add({ text: unit.text, surnames: taggedSurnames(unit, surnames), code: unitCode(unit.kind, doc.type) })
        pages.add(unit, head)
        meta.units++
      }
    }
    counts.push(countDocuments(parsed.documents, parsed.volume ? [parsed.volume] : []))
  }
  // Pages end with the group, the unit of reuse (not with each file: 10,000 one-page documents made 10,000 pages).
  pages.end()
  pages.firsts.forEach((first, i) => (meta.pages[i]!.first = first))
  meta.counts = sumCounts(counts)
  segment.write(join(dir, 'run.bin'))
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta))
  try {
    renameSync(dir, target)
  } catch {
    // Another build wrote the same group meanwhile: theirs is as good.
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Counts of groups added up, volume by volume. */
function sumCounts(list: readonly (Counts & { volumes: VolumeCounts[] })[]): Counts & { volumes: VolumeCounts[] } {
  const total = countDocuments([])
  const byVolume = new Map<string, VolumeCounts>()
  for (const counts of list) {
    for (const v of counts.volumes) {
      const sum = byVolume.get(v.id)
      if (!sum) byVolume.set(v.id, { ...v })
      else for (const k of COUNT_KEYS) sum[k] += v[k]
    }
    for (const k of COUNT_KEYS) total[k] += counts[k]
  }
  total.volumes = [...byVolume.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return total
}

const COUNT_KEYS = ['documents', 'sections', 'titles', 'heads', 'paragraphs', 'footnotes', 'pages', 'units'] as const

interface WriteSettings {
  inputs: string
  builtAt: Date
  streamPageBytes: number
  target: TargetName
  progress: (phase: string, done: number, total: number) => void
}

/** Merges the groups into the index files and returns the manifest (after checking the target). */
function writeFiles(output: IndexOutput, metas: GroupMeta[], dirs: string[], termOf: (w: string) => string, s: WriteSettings): Manifest {
  // Units pages, in corpus order, each named by the unit it starts with.
  const unitPages: number[] = []
  const documents: DocumentEntry[] = []
  const volumes: Volume[] = []
  let base = 0
  metas.forEach((meta, g) => {
    for (const p of meta.pages) {
      output.adopt('units', join(dirs[g]!, p.name), p.name, p.gzip)
      unitPages.push(base + p.first)
    }
    for (const d of meta.documents) documents.push({ ...d, first: base + d.first })
    volumes.push(...meta.volumes)
    base += meta.units
  })
  if (!output.files.has('units')) output.files.set('units', [])

  const streams = {
    postings: new PagedStream(output, 'postings', s.streamPageBytes),
    positions: new PagedStream(output, 'positions', s.streamPageBytes),
  }
  s.progress('merging', 0, 1)
  const merged = mergeRuns(dirs.map((d) => join(d, 'run.bin')), streams, termOf)
  streams.postings.finish()
  streams.positions.finish()
  s.progress('merging', 1, 1)
  const sorted = writeLexicon(output, merged.words, merged.terms, buildGlossary(volumes), {
    pageBytes: pageDefaults.lexicon, step: LEXICON_STEP, completionThreshold: COMPLETION_THRESHOLD, completionCount: COMPLETION_COUNT,
  })

  // The volumes: TEI volumes, then those known only from page-text document ids.
  const volumeList = volumes.map(({ pages: _pages, persons: _persons, ...facts }) => facts)
  for (const d of documents) {
    if (d.volume !== undefined && !volumeList.some((v) => v.id === d.volume)) volumeList.push({ id: d.volume, title: d.volume })
  }
  const people = volumes.flatMap((v) => (v.persons ?? []).map((p) => ({ ...p, volume: v.id, documents: 0, mentions: 0 })))
  const personCode = new Map(people.map((p, i) => [p.id, i]))
  const citing = new Map<string, string[]>()
  for (const d of documents) for (const target of d.references ?? []) citing.set(target, [...(citing.get(target) ?? []), d.id])

  const docPages: number[] = []
  let page: Uint8Array[] = []
  let pageBytes = 0
  const endPage = () => {
    if (page.length === 0) return
    const { bytes, start } = encodeBlobs(page)
    output.write('documents', encodePack(DOCUMENTS_PAGE, { docs: bytes, docsStart: start }, {}))
    page = []
    pageBytes = 0
  }
  const encoder = new TextEncoder()
  documents.forEach((d, i) => {
    const json = encoder.encode(JSON.stringify({ ...d, ...(citing.has(d.id) && { citedBy: citing.get(d.id) }) }))
    if (page.length > 0 && pageBytes + json.length > pageDefaults.documents) endPage()
    if (page.length === 0) docPages.push(i)
    page.push(json)
    pageBytes += json.length
  })
  endPage()
  if (!output.files.has('documents')) output.files.set('documents', [])

  const chapters: string[] = []
  const chapterCode = new Map<string, number>()
  const volumeCode = new Map(volumeList.map((v, i) => [v.id, i]))
  const docPeopleStart = new Uint32Array(documents.length + 1)
  const docPeople: number[] = []
  const docMentions: number[] = []
  documents.forEach((d, i) => {
    if (d.chapter !== undefined && !chapterCode.has(d.chapter)) chapterCode.set(d.chapter, chapters.push(d.chapter) - 1)
    for (const [id, mentions] of Object.entries(d.people ?? {})) {
      const code = personCode.get(id)
      if (code === undefined) continue
      docPeople.push(code)
      docMentions.push(mentions)
      people[code]!.documents++
      people[code]!.mentions += mentions
    }
    docPeopleStart[i + 1] = docPeople.length
  })

  const termsFile = output.write('terms', new TextEncoder().encode(JSON.stringify(volumes.flatMap((v) => v.terms ?? []))), 'json')
  const peopleFile = output.write('people', new TextEncoder().encode(JSON.stringify(people)), 'json')
  const meta: ResidentMeta = {
    units: merged.units,
    averageLength: merged.averageLength,
    documents: documents.length,
    streamPageBytes: s.streamPageBytes,
    lexicon: { step: sorted.lexicon.step },
    keyFilter: { hashes: sorted.keyFilter.hashes, alphabet: sorted.keyFilter.alphabet },
    completions: { step: sorted.completions.step },
    completionThreshold: COMPLETION_THRESHOLD,
    completionCount: COMPLETION_COUNT,
    volumes: volumeList.map(({ terms: _terms, ...facts }) => facts),
    terms: termsFile,
    people: peopleFile,
  }
  const docIds = documents.map((d) => d.id)
  const frontIds = frontCode(docIds)
  const sections: Omit<Sections<typeof RESIDENT>, keyof PageFiles> = {
    lexiconKeys: sorted.lexicon.keys,
    lexiconPages: Uint32Array.from(sorted.lexicon.pages),
    lexiconShared: Uint8Array.from(sorted.lexicon.shared, (n) => Math.min(n, 255)),
    keyFilter: sorted.keyFilter.buckets,
    completionKeys: sorted.completions.keys,
    completionPages: Uint32Array.from(sorted.completions.pages),
    completionShared: Uint8Array.from(sorted.completions.shared, (n) => Math.min(n, 255)),
    postingsTerms: streams.postings.pageKeys,
    positionsTerms: streams.positions.pageKeys,
    unitPages: Uint32Array.from(unitPages),
    docPages: Uint32Array.from(docPages),
    docFirst: Uint32Array.from([...documents.map((d) => d.first), merged.units]),
    docIds: frontIds.bytes,
    docIdBlocks: frontIds.blocks,
    docIdOrder: Uint32Array.from(docIds.keys()).sort((a, b) => (docIds[a]! < docIds[b]! ? -1 : docIds[a]! > docIds[b]! ? 1 : 0)),
    docVolume: Uint32Array.from(documents, (d) => (d.volume === undefined ? 0 : volumeCode.get(d.volume)! + 1)),
    docChapter: Uint32Array.from(documents, (d) => (d.chapter === undefined ? 0 : chapterCode.get(d.chapter)! + 1)),
    docDate: Uint32Array.from(documents, (d) => dateNumber(d.date)),
    docType: Uint8Array.from(documents, (d) => DOCUMENT_TYPES.indexOf(d.type)),
    docPeopleStart,
    docPeople: Uint32Array.from(docPeople),
    docMentions: Uint32Array.from(docMentions),
    volumeIds: volumeList.map((v) => v.id),
    chapters,
    personIds: people.map((p) => p.id),
    personSurnames: people.map(surname),
  }
  const files = Object.fromEntries(PAGE_KINDS.flatMap((kind) => {
    const names = output.files.get(kind)!
    return [[`files.${kind}`, names], [`sizes.${kind}`, Uint32Array.from(names, (n) => output.sizes.get(n)!)]]
  })) as Pick<Sections<typeof RESIDENT>, keyof PageFiles>
  const resident = encodePack(RESIDENT, { ...sections, ...files }, meta)
  const residentFile = output.write('resident', resident)
  checkTarget({ files: output.count, largestFile: Math.max(...output.sizes.values()), residentBytes: resident.byteLength * 2 }, s.target)

  const counts = sumCounts(metas.map((m) => m.counts))
  const manifest: Manifest = {
    format: FORMAT,
    hash: sha256([...output.sizes.keys()].join('\n')).slice(0, 16),
    builtAt: s.builtAt.toISOString(),
    inputs: s.inputs,
    counts,
    resident: residentFile,
    files: output.count,
    bytes: { raw: output.raw, gzip: output.gzip },
  }
  output.commit(MANIFEST_FILE, JSON.stringify(manifest, null, 2) + '\n')
  return manifest
}

/** `1964-01-22` → 19640122; `1964-01` → 19640100; `1964` → 19640000; none → 0. */
export function dateNumber(date: string | undefined): number {
  const m = date === undefined ? null : /^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?/.exec(date)
  return m ? Number(m[1]) * 10000 + Number(m[2] ?? 0) * 100 + Number(m[3] ?? 0) : 0
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

function fileHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

/** A hash of the code that turns a corpus into an index: a change to it makes every cached group stale. */
function codeHash(): string {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..')
  const hash = createHash('sha256')
  for (const folder of ['index', 'src']) {
    for (const file of (readdirSync(join(root, folder), { recursive: true }) as string[]).sort()) {
      if (file.endsWith('.ts')) hash.update(file).update(readFileSync(join(root, folder, file)))
    }
  }
  return hash.update(readFileSync(join(root, 'package-lock.json'))).digest('hex')
}

function memoized(f: (word: string) => string): (word: string) => string {
  const cache = new Map<string, string>()
  return (word) => {
    let term = cache.get(word)
    if (term === undefined) cache.set(word, (term = f(word)))
    return term
  }
}

function readManifest(out: string): Manifest | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(out, MANIFEST_FILE), 'utf8')) as Manifest
    return manifest.format === FORMAT ? manifest : undefined
  } catch {
    return undefined
  }
}

/** The index `out` holds, whole, if any: what a failed build leaves served. */
export function servedIndex(out: string): Manifest | undefined {
  const manifest = readManifest(out)
  return manifest && isComplete(out, manifest) ? manifest : undefined
}

/** Whether every file the manifest counts is in `out`. */
function isComplete(out: string, manifest: Manifest): boolean {
  if (!existsSync(join(out, manifest.resident))) return false
  return readdirSync(out).filter((f) => /^[a-z]+\.[0-9a-f]{16}\.(bin|json)$/.test(f)).length === manifest.files
}

/** Cached groups no build has used for this long are removed (a build touches the groups it uses). */
const CACHE_DAYS = 7

function pruneCache(root: string): void {
  const before = Date.now() - CACHE_DAYS * 86_400_000
  for (const entry of readdirSync(root)) {
    const path = join(root, entry)
    const stat = statSync(path)
    if (stat.isDirectory() && stat.mtimeMs < before) rmSync(path, { recursive: true, force: true })
  }
}
