/**
 * Reads a corpus folder into documents: lists the files, decodes them as
 * strict UTF-8 and hands each to the parser for its format.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, extname, join, relative } from 'node:path'
import type { Document, Volume } from '../src/model'
import { inFileOrder, type Diagnostic } from './diagnostics'
import { parsePageText, type ParsedFile } from './parse/pagetext'
import { parseTei } from './parse/tei'

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
 * and what was skipped for not being a corpus format (a warning, unless it
 * is a hidden file or a README, SOURCES or LICENSE).
 */
export async function listCorpus(dir: string): Promise<{ files: CorpusFile[]; skipped: number; diagnostics: Diagnostic[] }> {
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile())
  const paths = entries.map((e) => join(e.parentPath, e.name)).sort()
  const files: CorpusFile[] = []
  const diagnostics: Diagnostic[] = []
  let skipped = 0
  for (const path of paths) {
    const file = relative(process.cwd(), path) || path
    if (!PARSERS[extname(path).toLowerCase()]) {
      if (!basename(path).startsWith('.') && !/^(readme|sources|license)/i.test(basename(path))) {
        diagnostics.push({ severity: 'warning', file, line: 1, message: `not a corpus file (${Object.keys(PARSERS).join(', ')}); skipped` })
      }
      skipped++
      continue
    }
    files.push({ path, file, id: basename(path, extname(path)), size: (await stat(path)).size })
  }
  return { files, skipped, diagnostics }
}

/** Parses a corpus file's bytes with the parser for its format. */
export function parseCorpusFile(f: CorpusFile, bytes: Uint8Array): ParsedFile {
  const source = decodeUtf8(bytes, f.file)
  if (typeof source !== 'string') return { documents: [], diagnostics: [source] }
  return PARSERS[extname(f.path).toLowerCase()]!(source, f.file, f.id)
}

/** Document ids seen so far: a second file giving an id already used is an error. */
export class DocumentIds {
  readonly #seen = new Map<string, string>()

  /** Claims `id` for `file`, or says which file has it. */
  claim(id: string, file: string): Diagnostic | undefined {
    const other = this.#seen.get(id)
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
    const at = firstInvalidByte(bytes)
    let line = 1
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++
    const byte = bytes[at]!.toString(16).padStart(2, '0')
    return { severity: 'error', file, line, message: `not UTF-8: byte 0x${byte} at offset ${at}; re-save the file as UTF-8` }
  }
}

function firstInvalidByte(bytes: Uint8Array): number {
  // The longest prefix that decodes (a sequence cut at its end allowed) ends at the bad byte.
  let lo = 0
  let hi = bytes.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true })
      lo = mid + 1
    } catch {
      hi = mid
    }
  }
  return lo
}
