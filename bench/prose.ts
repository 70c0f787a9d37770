/**
 * Real English prose found on this machine, as paragraphs: the manual pages
 * (troff markup stripped), the info manuals and the text files of
 * /usr/share/doc (READMEs, NEWS, change logs, HTML with its tags stripped;
 * licence texts left out). Exact repeats are dropped, as are paragraphs that
 * are mostly not words (tables, code, option lists).
 *
 * The pool differs from machine to machine; the benchmark reports its size
 * and the share of each source. Read once, it is kept in the cache folder.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'

export interface ProsePool {
  paragraphs: string[]
  /** Characters by source. */
  sources: Record<string, number>
}

const ROOTS = { man: '/usr/share/man', info: '/usr/share/info', doc: '/usr/share/doc' }
const MAX_FILE = 4 * 2 ** 20

/** The pool, read from the machine or from `cache` when it was read before. */
export function prosePool(cache: string): ProsePool {
  const path = join(cache, 'prose-2.json')
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as ProsePool
  const pool: ProsePool = { paragraphs: [], sources: {} }
  const seen = new Set<string>()
  const add = (source: string, paragraphs: string[]) => {
    for (const p of paragraphs) {
      if (!isProse(p)) continue
      const key = createHash('md5').update(p).digest('base64')
      if (seen.has(key)) continue
      seen.add(key)
      pool.paragraphs.push(p)
      pool.sources[source] = (pool.sources[source] ?? 0) + p.length
    }
  }
  // English manual sections only (man1…man8), not the translations beside them.
  for (const section of readdirSafe(ROOTS.man).filter((d) => /^man\d$/.test(d)).sort()) {
    walk(join(ROOTS.man, section), (file) => add('man pages', troffParagraphs(read(file))))
  }
  walk(ROOTS.info, (file) => add('info manuals', blankLineParagraphs(read(file))))
  walk(ROOTS.doc, (file) => {
    if (/copyright$|\.(png|jpg|gif|svg|pdf|ps|js|css|json|py|c|h|pl|sh|pem|crt|tar)(\.gz)?$/i.test(file)) return
    const text = read(file)
    add('/usr/share/doc', blankLineParagraphs(/\.html?(\.gz)?$/i.test(file) ? stripHtml(text) : text))
  })
  mkdirSync(cache, { recursive: true })
  writeFileSync(path, JSON.stringify(pool))
  return pool
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}

/** Every file under `dir`, in path order. */
function walk(dir: string, visit: (file: string) => void): void {
  for (const name of readdirSafe(dir).sort()) {
    const path = join(dir, name)
    let stat
    try {
      stat = statSync(path)
    } catch {
      continue
    }
    if (stat.isDirectory()) walk(path, visit)
    else if (stat.isFile() && stat.size <= MAX_FILE) visit(path)
  }
}

function read(file: string): string {
  try {
    const bytes = readFileSync(file)
    return (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')
  } catch {
    return ''
  }
}

/** A paragraph worth keeping: long enough, mostly letters, with enough ordinary words. */
function isProse(p: string): boolean {
  if (p.length < 80 || p.length > 4000) return false
  const letters = p.match(/[A-Za-z]/g)?.length ?? 0
  return letters / p.length > 0.65 && (p.match(/\b[a-z]{3,}\b/g)?.length ?? 0) >= 10
}

// Control characters (overstrike backspaces, escapes) are not text, and not allowed in XML.
const flatten = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]|.\u0008/g, '').replace(/\s+/g, ' ').trim()

function blankLineParagraphs(text: string): string[] {
  return text.split(/\n\s*\n/).map(flatten)
}

function stripHtml(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<\/(p|div|li|h\d|pre|tr|br)\s*>/gi, '\n\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&amp;/g, '&')
}

/** Paragraphs of a manual page: requests dropped, font and character escapes resolved. */
function troffParagraphs(source: string): string[] {
  const paragraphs: string[] = []
  let current: string[] = []
  const flush = () => {
    if (current.length > 0) paragraphs.push(flatten(current.join(' ')))
    current = []
  }
  for (let line of source.split('\n')) {
    if (line.trim() === '' || /^[.'](PP|LP|P|TP|IP|SH|SS|HP|sp|br|RS|RE|TH|nf|fi|EX|EE|in|ti)\b/.test(line)) {
      flush()
      continue
    }
    const styled = /^[.'](B|I|BR|IR|RB|RI|BI|IB|SM|SB)\s+(.*)$/.exec(line)
    if (styled) line = styled[2]!.replace(/"/g, '')
    else if (/^[.']/.test(line)) continue
    current.push(line
      .replace(/\\f(\(..|\[[^\]]*\]|.)/g, '')
      .replace(/\\\((em|en)/g, '—')
      .replace(/\\\((lq|rq|dq)/g, '"')
      .replace(/\\\((aq|oq|cq)/g, "'")
      .replace(/\\-/g, '-')
      .replace(/\\[&,/|^%:]/g, '')
      .replace(/\\e/g, '\\')
      .replace(/\\s[-+]?\d/g, '')
      .replace(/\\\*\(..|\\\*\[[^\]]*\]|\\\*./g, '')
      .replace(/\\\(../g, '')
      .replace(/\\ /g, ' ')
      .replace(/\\"/g, ''))
  }
  flush()
  return paragraphs
}
