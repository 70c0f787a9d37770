/**
 * `npm run build:index [-- --corpus DIR] [--out DIR]`: reads the corpus,
 * builds the index and prints what went in. Exits 1, writing nothing, when
 * the corpus has errors; 2 on a bad command line.
 */
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { formatDiagnostic } from './diagnostics'
import { readCorpus } from './corpus'
import { writeIndex } from './write-index'

const USAGE = `usage: npm run build:index -- [--corpus DIR] [--out DIR]

  --corpus DIR  folder of FRUS page-text (.txt) files to index (default: corpus)
  --out DIR     folder the index files are written to (default: build/index)`

function main(argv: string[]): Promise<number> | number {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        corpus: { type: 'string', default: 'corpus' },
        out: { type: 'string', default: 'build/index' },
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
  return build(values.corpus, values.out)
}

async function build(corpusDir: string, out: string): Promise<number> {
  const started = performance.now()
  let corpus
  try {
    corpus = await readCorpus(corpusDir)
  } catch (e) {
    console.error(`build:index: cannot read corpus folder ${corpusDir}: ${(e as Error).message}`)
    return 1
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
  const manifest = await writeIndex(corpus.documents, {
    out,
    builtAt: epoch ? new Date(Number(epoch) * 1000) : new Date(),
  })
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  const c = manifest.counts
  const warnings = corpus.diagnostics.length
  console.log(
    [
      `Folio index ${manifest.hash} written to ${out}`,
      `  documents   ${c.documents}  (${corpus.files.read} files read, ${corpus.files.skipped} skipped)`,
      `  titles      ${c.titles}`,
      `  head lines  ${c.heads}`,
      `  paragraphs  ${c.paragraphs}`,
      `  footnotes   ${c.footnotes}`,
      `  pages       ${c.pages}`,
      `  units       ${c.units} indexed`,
      `  index size  ${kb(manifest.bytes.raw)} raw, ${kb(manifest.bytes.gzip)} gzip`,
      `  time        ${seconds} s`,
      `  warnings    ${warnings}`,
    ].join('\n'),
  )
  return 0
}

function kb(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(2)} MB`
}

process.exitCode = await main(process.argv.slice(2))
