/**
 * Relevance judged on other text than FRUS: the indexes of the GNU info
 * manuals on this machine (`/usr/share/info`), compiled by their authors as a
 * FRUS volume's is by its editors. (One rule of the query syntax came from
 * it, underscores parting words: docs/relevance.md.)
 *
 * - A manual is a corpus of its own, as a volume is: each node a document
 *   (its name the title), its paragraphs (blank-line separated) the units.
 *   Menus and the index nodes are left out: they are navigation, and an index
 *   would answer its own questions.
 * - An index entry (`* regular expressions, extended:  Extended regexps.
 *   (line 6)`) is a query, its text without the `<2>` numbering a repeat; its
 *   relevant documents are the nodes it names, every node of its repeats.
 * - Entries that begin with a dash (command-line options, `--file` printed
 *   `–file`, which Folio would read as NOT), or hold no letter or digit (`\(`),
 *   are left out.
 *
 * Judged as the book index is (`judge`): nDCG, precision and recall at 10,
 * a hit relevant when its document is listed.
 * `npx tsx bench/info-index.ts [folder]` prints Folio beside plain MiniSearch.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { JUDGED_ENGINES, judgeFolder, type Judgement, type Relevance } from './book-index'
import { escapeXml } from './corpus'
import type { Engine } from './engines'

export interface InfoNode {
  name: string
  paragraphs: string[]
}

/** One entry of a manual's indexes: its text and the node it points to. */
export interface InfoEntry {
  text: string
  node: string
}

export interface InfoManual {
  name: string
  nodes: InfoNode[]
  entries: InfoEntry[]
}

const NODE_SEPARATOR = '\x1f'
/** What makeinfo writes at the top of an index node. */
const INDEX_MARK = '\0\b[index\0\b]'
const HEADER = /^\n?File: [^,\n]+,\s+Node: ([^,\n]+)[^\n]*\n/

/** A manual's nodes and index entries, from its info text (the parts of a split manual joined in order). */
export function readInfoManual(name: string, text: string): InfoManual {
  const manual: InfoManual = { name, nodes: [], entries: [] }
  for (const chunk of text.split(NODE_SEPARATOR)) {
    const header = HEADER.exec(chunk)
    if (!header) continue // the preamble, the indirect and tag tables
    const body = chunk.slice(header[0].length)
    if (body.includes(INDEX_MARK)) manual.entries.push(...indexEntries(body))
    else manual.nodes.push({ name: header[1]!.trim(), paragraphs: paragraphsOf(body) })
  }
  return manual
}

/** `* text: Node. (line N)`, an entry's lines joined where a long one wraps. */
function indexEntries(body: string): InfoEntry[] {
  const lines: string[] = []
  for (const line of body.split('\n')) {
    if (line.startsWith('* ') && line !== '* Menu:') lines.push(line)
    else if (/^\s+\S/.test(line) && lines.length > 0 && !/\(line\s+\d+\)\s*$/.test(lines.at(-1)!)) lines[lines.length - 1] += ` ${line.trim()}`
  }
  return lines.flatMap((line) => {
    const m = /^\* (.+):\s+(.+?)\.\s+\(line\s+\d+\)\s*$/.exec(line)
    return m ? [{ text: m[1]!.replace(/\s*<\d+>$/, '').trim(), node: m[2]!.trim() }] : []
  })
}

/** A node's paragraphs: its menu, section underlines and control characters left out. */
function paragraphsOf(body: string): string[] {
  const kept = body.split('\n').filter((line) => !/^\* Menu:/.test(line) && !/^\* [^:]+::/.test(line) && !/^\s*[*=\-.]{3,}\s*$/.test(line))
  return kept
    .join('\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '').replace(/\s+/g, ' ').trim())
    .filter((p) => /\p{L}/u.test(p))
}

/** A manual as a TEI volume, one document a node (a node of no paragraphs is its title alone). */
export function infoVolume(manual: InfoManual, volume: string): string {
  const divs = manual.nodes.map((node, k) =>
    [`<div type="document" n="${k + 1}" xml:id="d${k + 1}"><head>${k + 1}. ${escapeXml(node.name)}</head>`, ...node.paragraphs.map((p) => `<p>${escapeXml(p)}</p>`), '</div>'].join('\n'))
  return `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="${volume}">
<teiHeader><fileDesc><titleStmt><title type="complete">${escapeXml(manual.name)} (GNU info manual)</title></titleStmt></fileDesc></teiHeader>
<text><body>
${divs.join('\n')}
</body></text>
</TEI>
`
}

/** A manual's index entries as queries, each with the documents (nodes) it points to. */
export function infoJudgements(manual: InfoManual, volume: string): Judgement[] {
  const documentOf = new Map(manual.nodes.map((node, k) => [node.name, `${volume}-d${k + 1}`]))
  const byText = new Map<string, Set<string>>()
  for (const { text, node } of manual.entries) {
    const doc = documentOf.get(node)
    if (doc === undefined || /^[-–—]/.test(text) || !/[\p{L}\p{N}]/u.test(text)) continue
    const docs = byText.get(text) ?? new Set<string>()
    byText.set(text, docs.add(doc))
  }
  return [...byText].map(([q, docs]) => ({ q, documents: [...docs], pages: [] }))
}

/** The info manuals in a folder: each name, and its text (a split manual's parts in order). None when there is no such folder. */
export function infoManuals(root: string): { name: string; text: string }[] {
  const parts = new Map<string, { part: number; file: string }[]>()
  for (const file of existsSync(root) ? readdirSync(root) : []) {
    const m = /^(.+)\.info(?:-(\d+))?(?:\.gz)?$/.exec(file)
    if (!m) continue
    parts.set(m[1]!, [...(parts.get(m[1]!) ?? []), { part: Number(m[2] ?? 0), file }])
  }
  return [...parts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, files]) => ({
    name,
    text: files.sort((a, b) => a.part - b.part).map(({ file }) => {
      const bytes = readFileSync(join(root, file))
      return (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')
    }).join(''),
  }))
}

/** Every manual judged on its own index, each engine's measures over all their entries. */
export async function judgeInfoManuals(root: string, engines: readonly Engine[]): Promise<{ manuals: { name: string; entries: number }[]; results: Relevance[] }> {
  const manuals: { name: string; entries: number }[] = []
  const sums = new Map<string, Relevance>(engines.map((e) => [e.name, { engine: e.name, queries: 0, ndcg10: 0, p10: 0, recall10: 0 }]))
  for (const { name, text } of infoManuals(root)) {
    const manual = readInfoManual(name, text)
    const volume = `info-${name.replace(/[^\w-]/g, '-')}`
    const judgements = infoJudgements(manual, volume)
    if (judgements.length === 0) continue
    manuals.push({ name, entries: judgements.length })
    const dir = mkdtempSync(join(tmpdir(), 'folio-info-index-'))
    try {
      writeFileSync(join(dir, `${volume}.xml`), infoVolume(manual, volume))
      for (const r of await judgeFolder(dir, judgements, engines)) {
        const sum = sums.get(r.engine)!
        sum.queries += r.queries
        sum.ndcg10 += r.ndcg10 * r.queries
        sum.p10 += r.p10 * r.queries
        sum.recall10 += r.recall10 * r.queries
      }
    } finally {
      rmSync(dir, { recursive: true })
    }
  }
  const results = [...sums.values()].map((s) => ({ ...s, ndcg10: s.ndcg10 / s.queries, p10: s.p10 / s.queries, recall10: s.recall10 / s.queries }))
  return { manuals, results }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] ?? '/usr/share/info'
  const { manuals, results } = await judgeInfoManuals(root, JUDGED_ENGINES)
  console.log(`${manuals.length} manuals in ${root}: ${manuals.map((m) => `${m.name} ${m.entries}`).join(', ')}`)
  for (const r of results) {
    console.log(`  ${r.engine.padEnd(10)} nDCG@10 ${r.ndcg10.toFixed(3)}  P@10 ${r.p10.toFixed(3)}  recall@10 ${r.recall10.toFixed(3)}  (${r.queries} queries)`)
  }
}
