/**
 * Reads a corpus folder into documents: lists the files, decodes them as
 * strict UTF-8 and hands each to the parser for its format.
 */
import { readdir, readFile } from 'node:fs/promises'
import { basename, extname, join, relative } from 'node:path'
import type { Document, Volume } from '../src/model'
import type { Diagnostic } from './diagnostics'
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

/** Reads every corpus file under `dir`, in path order so that builds are repeatable. */
export async function readCorpus(dir: string, onFile?: (done: number, total: number) => void): Promise<Corpus> {
  const paths = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort()
  const documents: Document[] = []
  const volumes: Volume[] = []
  const diagnostics: Diagnostic[] = []
  const seen = new Map<string, string>()
  let read = 0
  let skipped = 0

  for (const [i, path] of paths.entries()) {
    onFile?.(i, paths.length)
    const file = relative(process.cwd(), path) || path
    const parse = PARSERS[extname(path).toLowerCase()]
    if (!parse) {
      if (!basename(path).startsWith('.') && !/^(readme|sources|license)/i.test(basename(path))) {
        diagnostics.push({ severity: 'warning', file, line: 1, message: `not a corpus file (${Object.keys(PARSERS).join(', ')}); skipped` })
      }
      skipped++
      continue
    }
    read++
    const source = decodeUtf8(await readFile(path), file)
    if (typeof source !== 'string') {
      diagnostics.push(source)
      continue
    }
    const parsed = parse(source, file, basename(path, extname(path)))
    diagnostics.push(...parsed.diagnostics)
    if (parsed.volume) volumes.push(parsed.volume)
    for (const doc of parsed.documents) {
      const other = seen.get(doc.id)
      if (other) {
        diagnostics.push({ severity: 'error', file, line: 1, message: `document id ${doc.id} is already used by ${other}` })
        continue
      }
      seen.set(doc.id, file)
      documents.push(doc)
    }
  }
  onFile?.(paths.length, paths.length)
  return { documents, volumes, diagnostics, files: { read, skipped } }
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
