/**
 * Reads a corpus folder into documents: lists the files, decodes them as
 * strict UTF-8 and hands each to the parser for its format.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, extname, join, relative, sep } from 'node:path'
import type { Document, Volume } from '../src/model'
import { EMPTY_FILE, inFileOrder, type Diagnostic } from './diagnostics'
import { parsePageText, type ParsedFile } from './parse/pagetext'
import { parseTei } from './parse/tei'

/**
 * The largest corpus file read. Each file is parsed whole, and a page-text
 * file is one document: a 60 MB one took 2.3 GB to index, so past this the
 * 3 GB the build may use would not hold. FRUS's largest TEI volumes are
 * about 5 MB; split anything larger than this.
 */
export const MAX_FILE_BYTES = 50 * 2 ** 20

/** Parsers by file extension. */
const PARSERS: Record<string, (source: string, file: string, id: string) => ParsedFile> = {
  '.txt': parsePageText,
  '.xml': parseTei,
}

export interface Corpus {
  documents: Document[]
  /** Volumes read from TEI files. */
  volumes: Volume[]
  diagnostics: Diagnostic[]
  /** Corpus files read, and files skipped for not being a corpus format. */
  files: { read: number; skipped: number }
}

/** A corpus file to read. */
export interface CorpusFile {
  path: string
  /** As diagnostics name it: relative to the working folder. */
  file: string
  /** The file name without its extension: a page-text document's id. */
  id: string
  size: number
}

/**
 * The corpus files under `dir`, in path order so that builds are repeatable,
 * and what was skipped: files of no corpus format (a warning, unless it is a
 * README, SOURCES or LICENSE), hidden files and folders (`.git`, macOS's
 * `._x.txt`: a warning when they look like corpus files), and symbolic links
 * (a warning: only the folder's own files are read, so a link cannot pull in
 * files from elsewhere).
 */
export async function listCorpus(dir: string): Promise<{ files: CorpusFile[]; skipped: number; diagnostics: Diagnostic[] }> {
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() || e.isSymbolicLink())
  const found = entries.map((e) => ({ path: join(e.parentPath, e.name), link: e.isSymbolicLink() })).sort((a, b) => (a.path < b.path ? -1 : 1))
  const files: CorpusFile[] = []
  const diagnostics: Diagnostic[] = []
  let skipped = 0
  const skip = (file: string, message?: string) => {
    if (message) diagnostics.push({ severity: 'warning', file, line: 1, message })
    skipped++
  }
  for (const { path, link } of found) {
    const file = relative(process.cwd(), path) || path
    const name = basename(path)
    const corpusFormat = PARSERS[extname(path).toLowerCase()] !== undefined
    if (relative(dir, path).split(sep).some((part) => part.startsWith('.'))) {
      skip(file, corpusFormat && name.startsWith('.') ? 'hidden file (such as the ._ files macOS leaves); skipped' : undefined)
    } else if (link) {
      skip(file, 'symbolic link; skipped (only the folder\'s own files are read)')
    } else if (!corpusFormat) {
      skip(file, /^(readme|sources|license)/i.test(name) ? undefined : `not a corpus file (${Object.keys(PARSERS).join(', ')}); skipped`)
    } else {
      const { size } = await stat(path)
      if (size > MAX_FILE_BYTES) {
        diagnostics.push({ severity: 'error', file, line: 1, message: `${mib(size)}, more than the ${mib(MAX_FILE_BYTES)} a corpus file may hold (each is parsed whole); split it` })
      } else files.push({ path, file, id: basename(path, extname(path)), size })
    }
  }
  return { files, skipped, diagnostics }
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`

/** Parses a corpus file's bytes with the parser for its format; an empty file (of either format) is a warning. */
export function parseCorpusFile(f: CorpusFile, bytes: Uint8Array): ParsedFile {
  const source = decodeUtf8(bytes, f.file)
  if (typeof source !== 'string') return { documents: [], diagnostics: [source] }
  if (source.replace(/^\uFEFF/, '').trim() === '') {
    return { documents: [], diagnostics: [{ severity: 'warning', file: f.file, line: 1, message: EMPTY_FILE }] }
  }
  return PARSERS[extname(f.path).toLowerCase()]!(source, f.file, f.id)
}

/** Document ids seen so far: a second file giving an id already used is an error. */
export class DocumentIds {
  readonly #seen = new Map<string, string>()

  /** Claims `id` for `file`, or says why it cannot have it: another file has it, or a URL cannot hold it. */
  claim(id: string, file: string): Diagnostic | undefined {
    if (id === '.' || id === '..' || id.trim() === '' || /[\u0000-\u001f\u007f]/.test(id)) {
      return { severity: 'error', file, line: 1, message: `document id ${JSON.stringify(id)} cannot be part of a URL (/read/<id>); rename the file or the document` }
    }
    const other = this.#seen.get(id)
    // One file giving an id twice is its parser's to report, at the line it does so.
    if (other === file) return undefined
    if (other) return { severity: 'error', file, line: 1, message: `document id ${id} is already used by ${other}` }
    this.#seen.set(id, file)
    return undefined
  }
}

/** Reads every corpus file under `dir` into memory (the build streams instead; tests and benchmarks read whole corpora). */
export async function readCorpus(dir: string): Promise<Corpus> {
  const listed = await listCorpus(dir)
  const documents: Document[] = []
  const volumes: Volume[] = []
  const diagnostics = [...listed.diagnostics]
  const ids = new DocumentIds()
  for (const f of listed.files) {
    const parsed = parseCorpusFile(f, await readFile(f.path))
    diagnostics.push(...parsed.diagnostics)
    if (parsed.volume) volumes.push(parsed.volume)
    for (const doc of parsed.documents) {
      const clash = ids.claim(doc.id, f.file)
      if (clash) diagnostics.push(clash)
      else documents.push(doc)
    }
  }
  return { documents, volumes, diagnostics: inFileOrder(diagnostics), files: { read: listed.files.length, skipped: listed.skipped } }
}

/** Decodes strict UTF-8, or says where the first byte that is not UTF-8 stands. */
export function decodeUtf8(bytes: Uint8Array, file: string): string | Diagnostic {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    const at = firstInvalidSequence(bytes)
    let line = 1
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++
    const byte = bytes[at]!.toString(16).padStart(2, '0')
    return { severity: 'error', file, line, message: `not UTF-8: byte 0x${byte} at offset ${at}; re-save the file as UTF-8` }
  }
}

/**
 * Where the first sequence that is not UTF-8 starts: a Latin-1 `é` (0xe9)
 * before a space is the fault, not the space that shows the sequence cut
 * short. (Unicode's well-formed byte sequences, table 3-7.)
 */
function firstInvalidSequence(bytes: Uint8Array): number {
  const inRange = (i: number, lo: number, hi: number) => i < bytes.length && bytes[i]! >= lo && bytes[i]! <= hi
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!
    let n: number
    let second: [number, number] = [0x80, 0xbf]
    if (b < 0x80) n = 0
    else if (b >= 0xc2 && b <= 0xdf) n = 1
    else if (b >= 0xe0 && b <= 0xef) [n, second] = [2, b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : second]
    else if (b >= 0xf0 && b <= 0xf4) [n, second] = [3, b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : second]
    else return i
    if (n > 0 && !inRange(i + 1, ...second)) return i
    for (let k = 2; k <= n; k++) if (!inRange(i + k, 0x80, 0xbf)) return i
    i += n + 1
  }
  return bytes.length
}
