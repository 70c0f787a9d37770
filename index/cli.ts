/**
 * `npm run build:index [-- --corpus DIR] [--out DIR]`: reads the corpus,
 * builds the index and prints what went in, per volume. Exits 1, writing
 * nothing, when the corpus has errors; 2 on a bad command line.
 */
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import type { Counts, Manifest } from '../src/artifacts'
import { readCorpus } from './corpus'
import { formatDiagnostic } from './diagnostics'
import { progress } from './progress'
import { TARGETS, TargetLimitError, writeIndex, type TargetName } from './write-index'

const USAGE = `usage: npm run build:index -- [--corpus DIR] [--out DIR]

  --corpus DIR  folder of FRUS page-text (.txt) and TEI (.xml) files to index (default: corpus)
  --out DIR     folder the index files are written to (default: build/index)
  --target T    where the index is served: workers (default; refuses an index a
                Cloudflare Worker cannot hold) or unlimited`

function main(argv: string[]): Promise<number> | number {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        corpus: { type: 'string', default: 'corpus' },
        out: { type: 'string', default: 'build/index' },
        target: { type: 'string', default: 'workers' },
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
  if (!(values.target in TARGETS)) {
    console.error(`build:index: --target must be one of ${Object.keys(TARGETS).join(', ')}\n\n${USAGE}`)
    return 2
  }
  return build(values.corpus, values.out, values.target as TargetName)
}

async function build(corpusDir: string, out: string, target: TargetName): Promise<number> {
  const started = performance.now()
  const bar = progress()
  let corpus
  try {
    corpus = await readCorpus(corpusDir)
  } catch (e) {
    bar.stop()
    console.error(`build:index: cannot read corpus folder ${corpusDir}: ${(e as Error).message}`)
    return 1
  } finally {
    bar.stop()
  }
  for (const d of corpus.diagnostics) console.error(formatDiagnostic(d))
  const errors = corpus.diagnostics.filter((d) => d.severity === 'error').length
  if (errors > 0) {
    console.error(`build:index: ${errors} error(s) in ${corpusDir}; no index written`)
    return 1
  }
  if (corpus.documents.length === 0) {
    console.error(`build:index: no documents in ${corpusDir}; no index written`)
    return 1
  }

  const epoch = process.env.SOURCE_DATE_EPOCH
  let manifest
  try {
    manifest = await writeIndex(corpus.documents, corpus.volumes, {
      out,
      target,
      builtAt: epoch ? new Date(Number(epoch) * 1000) : new Date(),
      onProgress: (done, total) => {
        if (done === 0) bar.start('indexing', total)
        bar.update(done)
      },
    })
  } catch (e) {
    if (!(e instanceof TargetLimitError)) throw e
    console.error(`build:index: ${e.message}; no index written`)
    return 1
  } finally {
    bar.stop()
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  console.log(summary(manifest, corpus.files, out, seconds, corpus.diagnostics.length))
  return 0
}

const COLUMNS: [keyof Counts, string][] = [
  ['documents', 'documents'], ['sections', 'sections'], ['titles', 'titles'], ['heads', 'head lines'],
  ['paragraphs', 'paragraphs'], ['footnotes', 'footnotes'], ['pages', 'pages'], ['units', 'units'],
]

function summary(manifest: Manifest, files: { read: number; skipped: number }, out: string, seconds: string, warnings: number): string {
  const rows = [...manifest.counts.volumes.map((v) => ({ name: v.id || '(no volume)', counts: v as Counts })), { name: 'total', counts: manifest.counts as Counts }]
  const nameWidth = Math.max(...rows.map((r) => r.name.length))
  const widths = COLUMNS.map(([key, label]) => Math.max(label.length, ...rows.map((r) => String(r.counts[key]).length)))
  const line = (name: string, cells: string[]) => `  ${name.padEnd(nameWidth)}  ${cells.map((c, i) => c.padStart(widths[i]!)).join('  ')}`
  return [
    `Folio index ${manifest.hash} written to ${out} (${files.read} files read, ${files.skipped} skipped)`,
    line('volume', COLUMNS.map(([, label]) => label)),
    ...rows.map((r) => line(r.name, COLUMNS.map(([key]) => String(r.counts[key])))),
    `  index size  ${size(manifest.bytes.raw)} raw, ${size(manifest.bytes.gzip)} gzip`,
    `  time        ${seconds} s`,
    `  warnings    ${warnings}`,
  ].join('\n')
}

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(2)} MB`
}

process.exitCode = await main(process.argv.slice(2))
