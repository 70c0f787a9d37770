/**
 * `npm run build:index [-- --corpus DIR] [--out DIR] [--target T]`: builds the
 * index and prints what went in, per volume. Exits 1, writing nothing, when
 * the corpus has errors or the target cannot hold the index; 2 on a bad
 * command line. An index already built from the same files by the same code
 * is left as it is.
 */
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import type { Counts, Manifest } from '../src/format/layout'
import { buildIndex, pageDefaults } from './build'
import { formatDiagnostic, type Diagnostic } from './diagnostics'
import { clearFailure, keepsLastGood, recordFailure } from './last-build'
import { progress } from './progress'
import { TARGET_ALIASES, TARGETS, TargetLimitError, type TargetName } from './targets'

const USAGE = `usage: npm run build:index -- [--corpus DIR] [--out DIR] [--target T] [--cache DIR | --no-cache] [--page-kb N]

  --corpus DIR  folder of FRUS page-text (.txt) and TEI (.xml) files to index
                (default: $FOLIO_CORPUS, else corpus)
  --out DIR     folder the index files are written to (default: build/index)
  --target T    where the index is served: workers-free (20,000 asset files of at
                most 25 MiB), workers-paid (100,000 files) or unlimited; the build
                refuses an index the target cannot hold (default: $FOLIO_TARGET,
                else workers-free)
  --cache DIR   where each group of corpus files is kept once parsed, so that a
                rebuild parses only what changed (default: node_modules/.cache/folio)
  --no-cache    keep nothing between builds
  --page-kb N   size of the postings and positions pages, in KB (default: ${pageDefaults.stream / 1024})`

async function main(argv: string[]): Promise<number> {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        // From the environment too, so that `wrangler dev` and `wrangler deploy`, which run the build, index another corpus.
        corpus: { type: 'string', default: process.env.FOLIO_CORPUS || 'corpus' },
        out: { type: 'string', default: 'build/index' },
        target: { type: 'string', default: process.env.FOLIO_TARGET || 'workers-free' },
        cache: { type: 'string', default: 'node_modules/.cache/folio' },
        'no-cache': { type: 'boolean', default: false },
        'page-kb': { type: 'string', default: String(pageDefaults.stream / 1024) },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }))
  } catch (e) {
    console.error(`build:index: ${(e as Error).message}\n\n${USAGE}`)
    return 2
  }
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const target = TARGET_ALIASES[values.target] ?? values.target
  if (!(target in TARGETS)) {
    console.error(`build:index: --target must be one of ${Object.keys(TARGETS).join(', ')}\n\n${USAGE}`)
    return 2
  }
  const pageKb = Number(values['page-kb'])
  if (!Number.isInteger(pageKb) || pageKb < 16 || pageKb > 16384) {
    console.error(`build:index: --page-kb must be an integer from 16 to 16384\n\n${USAGE}`)
    return 2
  }
  return build(values.corpus, values.out, target as TargetName, values['no-cache'] ? false : values.cache, pageKb * 1024)
}

async function build(corpus: string, out: string, target: TargetName, cache: string | false, streamPageBytes: number): Promise<number> {
  const started = performance.now()
  const bar = progress()
  let phase = ''
  const epoch = process.env.SOURCE_DATE_EPOCH
  let report
  try {
    report = await buildIndex({
      corpus, out, target, cache, streamPageBytes,
      builtAt: epoch ? new Date(Number(epoch) * 1000) : new Date(),
      onProgress: (name, done, total) => {
        if (name !== phase) bar.start((phase = name), total)
        bar.update(done)
      },
    })
  } catch (e) {
    bar.stop()
    let message: string
    if (e instanceof TargetLimitError) message = `build:index: ${e.message}; no index written`
    else if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') {
      message = `build:index: cannot read corpus folder ${corpus}: ${(e as Error).message}`
    } else throw e
    console.error(message)
    return failed(out, corpus, [message])
  }
  bar.stop()
  for (const line of shown(report.diagnostics)) console.error(line)
  const errors = report.diagnostics.filter((d) => d.severity === 'error')
  if (errors.length > 0) {
    console.error(`build:index: ${errors.length} error(s) in ${corpus}; no index written`)
    return failed(out, corpus, errors.map(formatDiagnostic))
  }
  if (!report.manifest) {
    console.error(`build:index: no documents in ${corpus}; no index written`)
    return failed(out, corpus, [`no documents in ${corpus}`])
  }
  clearFailure(out)
  if (report.upToDate) {
    console.log(`Folio index ${report.manifest.hash} in ${out} is up to date (${report.files.read} files unchanged)`)
    return 0
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  const peak = process.resourceUsage().maxRSS * 1024
  console.log(summary(report.manifest, report.files, out, seconds, report.diagnostics.length, peak, report.groups, target))
  return 0
}

/** Warnings a file prints before the rest are counted: a file of man pages gave 53,000 (every error is printed). */
const WARNINGS_PER_FILE = 20

/** The diagnostics as printed: every error, and each file's first warnings, then how many more it has. */
function shown(diagnostics: readonly Diagnostic[]): string[] {
  const lines: string[] = []
  const warnings = new Map<string, number>()
  for (const d of diagnostics) {
    const n = d.severity === 'warning' ? (warnings.get(d.file) ?? 0) + 1 : 0
    if (d.severity === 'warning') warnings.set(d.file, n)
    if (n <= WARNINGS_PER_FILE) lines.push(formatDiagnostic(d))
  }
  for (const [file, n] of warnings) if (n > WARNINGS_PER_FILE) lines.push(`${file}: ${n - WARNINGS_PER_FILE} more warning(s) not shown`)
  return lines
}

/** A failed build: 1, or under `wrangler dev` with an index to fall back on, 0 and that index served. */
function failed(out: string, corpus: string, errors: string[]): number {
  return keepsLastGood() && recordFailure(out, corpus, errors) ? 0 : 1
}

const COLUMNS: [keyof Counts, string][] = [
  ['documents', 'documents'], ['sections', 'sections'], ['titles', 'titles'], ['heads', 'head lines'],
  ['paragraphs', 'paragraphs'], ['footnotes', 'footnotes'], ['pages', 'pages'], ['units', 'units'],
]

function summary(
  manifest: Manifest, files: { read: number; skipped: number }, out: string, seconds: string, warnings: number, peak: number,
  groups: { total: number; reused: number }, target: TargetName,
): string {
  const rows = [...manifest.counts.volumes.map((v) => ({ name: v.id || '(no volume)', counts: v as Counts })), { name: 'total', counts: manifest.counts as Counts }]
  const nameWidth = Math.max(...rows.map((r) => r.name.length))
  const widths = COLUMNS.map(([key, label]) => Math.max(label.length, ...rows.map((r) => String(r.counts[key]).length)))
  const line = (name: string, cells: string[]) => `  ${name.padEnd(nameWidth)}  ${cells.map((c, i) => c.padStart(widths[i]!)).join('  ')}`
  return [
    `Folio index ${manifest.hash} written to ${out} (${files.read} files read, ${files.skipped} skipped)`,
    line('volume', COLUMNS.map(([, label]) => label)),
    ...rows.map((r) => line(r.name, COLUMNS.map(([key]) => String(r.counts[key])))),
    `  index size  ${size(manifest.bytes.raw)} raw, ${size(manifest.bytes.gzip)} gzip, in ${manifest.files} files` +
      (Number.isFinite(TARGETS[target].files) ? ` (${target} holds ${TARGETS[target].files.toLocaleString('en-US')})` : ''),
    `  time        ${seconds} s (${groups.reused} of ${groups.total} groups of files reused from the cache)`,
    `  memory      ${size(peak)} at most`,
    `  warnings    ${warnings}`,
  ].join('\n')
}

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(2)} MB`
}

process.exitCode = await main(process.argv.slice(2))
