/**
 * The benchmark report: Markdown tables per corpus with Folio/peer ratios,
 * the targets checked, and an SVG plot of query latency and cold load against
 * corpus size. The plot is a few lines of SVG written here: a plotting
 * library would bring a canvas or a browser into the benchmark for two charts.
 */
import type { BenchResult, CorpusResult, EngineResult } from './run'

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2))
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 1)} MB`
const pct = (x: number) => x.toFixed(3)

/** `value (Folio a×)`: Folio's figure as a multiple of the peer's. */
function cell(folio: number, peer: number, format: (x: number) => string, isFolio: boolean): string {
  if (isFolio) return `**${format(folio)}**`
  const ratio = peer === 0 ? '–' : `${(folio / peer).toFixed(2)}×`
  return `${format(peer)} (${ratio})`
}

function row(label: string, engines: EngineResult[], pick: (e: EngineResult) => number, format: (x: number) => string): string {
  const folio = pick(engines[0]!)
  return `| ${label} | ${engines.map((e, i) => cell(folio, pick(e), format, i === 0)).join(' | ')} |`
}

function corpusSection(c: CorpusResult): string {
  const { engines } = c
  const head = `| | ${engines.map((e) => e.engine).join(' | ')} |\n|---|${engines.map(() => '---').join('|')}|`
  const lines = [
    `## ${c.name}: ${c.documents} documents, ${c.units} units, ${(c.textBytes / 1e6).toFixed(1)} MB of text`,
    '',
    `Medians of ${c.runs.build} build(s) and ${c.runs.cold} cold load(s); latency over ${c.runs.passes} pass(es) of the query set after a warm-up pass. ` +
      'A peer\'s cell reads `value (Folio/peer)`: below 1× Folio is smaller or faster.',
    '',
    head,
    row('build (ms)', engines, (e) => e.buildMs, ms),
    row('index, raw', engines, (e) => e.rawBytes, mb),
    row('index, gzip', engines, (e) => e.gzipBytes, mb),
    row('cold load to first answer (ms)', engines, (e) => e.coldMs, ms),
    row('memory after load', engines, (e) => e.memoryBytes, mb),
    '',
    'Query latency in ms, p50 / p95 / p99 (Folio including snippets and facets; the peers return ids only):',
    '',
    head,
    ...(['single', 'two', 'three', 'phrase', 'prefix', 'typo', 'known', 'knownTypo'] as const).map(
      (k) => `| ${k} | ${engines.map((e) => `${ms(e.latency[k].p50)} / ${ms(e.latency[k].p95)} / ${ms(e.latency[k].p99)}`).join(' | ')} |`,
    ),
    `| **all** | ${engines.map((e) => `${ms(e.overall.p50)} / ${ms(e.overall.p95)} / ${ms(e.overall.p99)}`).join(' | ')} |`,
    row('p50 all (ratio)', engines, (e) => e.overall.p50, ms),
    row('p99 all (ratio)', engines, (e) => e.overall.p99, ms),
  ]
  if (engines[0]!.known) {
    lines.push(
      '',
      'Known items: hit@1 / hit@10 / MRR@10, without and with a typo:',
      '',
      head,
      `| exact | ${engines.map((e) => `${pct(e.known!.hit1)} / ${pct(e.known!.hit10)} / ${pct(e.known!.mrr)}`).join(' | ')} |`,
      `| one typo | ${engines.map((e) => `${pct(e.knownTypo!.hit1)} / ${pct(e.knownTypo!.hit10)} / ${pct(e.knownTypo!.mrr)}`).join(' | ')} |`,
    )
  }
  if (c.workerd) {
    const w = c.workerd
    lines.push(
      '',
      `Folio in workerd (Miniflare, median of ${w.runs}): new instance to first answer **${ms(w.coldMs)} ms**; ` +
        `the first request alone (index fetched from assets and loaded, query answered) ${ms(w.firstRequestMs)} ms; ` +
        `the next request ${ms(w.warmMs)} ms. Worker bundle ${mb(w.bundleBytes)} (${mb(w.bundleGzipBytes)} gzip).`,
    )
  }
  if (c.note) lines.push('', c.note)
  return lines.join('\n')
}

function targets(r: BenchResult): string {
  const big = r.corpora.find((c) => c.name === '10MB')
  const volume = r.corpora.find((c) => c.name === 'volume')
  const rows: string[] = []
  const check = (what: string, value: string, met: boolean) => rows.push(`| ${what} | ${value} | ${met ? 'met' : '**missed**'} |`)
  if (big) {
    const [folio, mini] = [big.engines[0]!, big.engines.find((e) => e.engine === 'MiniSearch')!]
    check('10 MB: Folio query p99 ≤ 5 ms, snippets included', `${ms(folio.overall.p99)} ms`, folio.overall.p99 <= 5)
    check('10 MB: Folio p50 ≤ 1.3 × plain MiniSearch', `${(folio.overall.p50 / mini.overall.p50).toFixed(2)} ×`, folio.overall.p50 <= 1.3 * mini.overall.p50)
    check('10 MB: cold load ≤ 150 ms (Node)', `${ms(folio.coldMs)} ms (MiniSearch: ${ms(mini.coldMs)} ms)`, folio.coldMs <= 150)
    if (big.workerd) check('10 MB: first request in workerd ≤ 150 ms', `${ms(big.workerd.firstRequestMs)} ms`, big.workerd.firstRequestMs <= 150)
  }
  if (volume?.engines[0]!.known) {
    const folio = volume.engines[0]!
    const peers = volume.engines.slice(1)
    check('volume: known-item hit@1 ≥ 0.97', pct(folio.known!.hit1), folio.known!.hit1 >= 0.97)
    check('volume: known-item hit@1 with a typo ≥ 0.95', pct(folio.knownTypo!.hit1), folio.knownTypo!.hit1 >= 0.95)
    check('volume: Folio beats every peer on both', peers.map((p) => `${p.engine} ${pct(p.known!.hit1)} (${pct(p.knownTypo!.hit1)})`).join(', '),
      peers.every((p) => folio.known!.hit1 > p.known!.hit1 && folio.knownTypo!.hit1 > p.knownTypo!.hit1))
  }
  if (rows.length === 0) return ''
  return ['## Targets', '', '| target | measured | |', '|---|---|---|', ...rows].join('\n')
}

export function renderReport(r: BenchResult): string {
  const { machine: m } = r
  return [
    '# Benchmarks',
    '',
    `Generated by \`npm run bench${r.quick ? ' -- --quick' : ''}\` on ${r.date.slice(0, 10)}: ${m.cpu}, ${m.cores} cores, ${m.memory}, ${m.os}, Node ${m.node}.`,
    `Versions: ${Object.entries(r.versions).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    '',
    'Every figure is measured in the same run for Folio and each peer, on the same units and the same committed queries ' +
      '(`bench/queries/`; how they are drawn is documented in `bench/queries.ts`). The 10 MB and 50 MB corpora are the shipped ' +
      'corpus repeated under new document ids with each unit\'s words shuffled by a seeded generator (`bench/corpus.ts`): real ' +
      'word frequencies and unit lengths, no real phrases beyond the first copy. Cold load is a fresh Node process reading the ' +
      'serialized index from disk until its first answer; memory is the growth of heap and array buffers over that load.',
    '',
    targets(r),
    '',
    ...r.corpora.map(corpusSection),
    '',
    r.http
      ? `## Through HTTP\n\nThe worker under \`wrangler dev\` (workerd) with the shipped corpus, loaded by autocannon with ${r.http.connections} connections for ${r.http.seconds} s, ` +
        `queries of the volume's set in rotation: **${r.http.requestsPerSecond.toFixed(0)} requests/s**, latency p50 ${r.http.p50} ms, p99 ${r.http.p99} ms, ` +
        `${r.http.requests} requests, ${r.http.errors} errors, ${r.http.non2xx} non-2xx.`
      : '',
    '',
    '![Query latency and cold load against corpus size](benchmarks.svg)',
    '',
  ].join('\n')
}

const COLORS = ['#b3261e', '#1f6feb', '#2da44e', '#bf8700', '#8250df']

/** Two log-log panels: overall p50 query latency, and cold load, against corpus size. */
export function renderPlot(r: BenchResult): string {
  const corpora = r.corpora
  const engines = corpora[0]?.engines.map((e) => e.engine) ?? []
  const panel = (title: string, pick: (e: EngineResult) => number, x0: number) => {
    const w = 340
    const h = 240
    const xs = corpora.map((c) => Math.log10(c.textBytes))
    const ys = corpora.flatMap((c) => c.engines.map((e) => Math.log10(Math.max(pick(e), 0.01))))
    const [xMin, xMax] = [Math.min(...xs), Math.max(...xs) || 1]
    const [yMin, yMax] = [Math.floor(Math.min(...ys)), Math.ceil(Math.max(...ys))]
    const px = (x: number) => x0 + 50 + ((x - xMin) / (xMax - xMin || 1)) * (w - 70)
    const py = (y: number) => 40 + (1 - (y - yMin) / (yMax - yMin || 1)) * (h - 80)
    const parts = [`<text x="${x0 + w / 2}" y="20" text-anchor="middle" font-weight="bold">${title}</text>`]
    for (let y = yMin; y <= yMax; y++) {
      parts.push(`<line x1="${px(xMin)}" x2="${px(xMax)}" y1="${py(y)}" y2="${py(y)}" stroke="#ddd"/>`)
      parts.push(`<text x="${px(xMin) - 6}" y="${py(y) + 4}" text-anchor="end">${10 ** y} ms</text>`)
    }
    corpora.forEach((c) => parts.push(`<text x="${px(Math.log10(c.textBytes))}" y="${h - 22}" text-anchor="middle">${c.name}</text>`))
    engines.forEach((name, i) => {
      const points = corpora.map((c) => {
        const e = c.engines.find((x) => x.engine === name)!
        return `${px(Math.log10(c.textBytes)).toFixed(1)},${py(Math.log10(Math.max(pick(e), 0.01))).toFixed(1)}`
      })
      parts.push(`<polyline fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="2" points="${points.join(' ')}"/>`)
    })
    return parts.join('\n')
  }
  const legend = engines.map((name, i) => `<text x="${40 + i * 110}" y="280" fill="${COLORS[i % COLORS.length]}" font-weight="bold">${name}</text>`)
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="720" height="300" font-family="sans-serif" font-size="11">',
    '<rect width="720" height="300" fill="white"/>',
    panel('Query latency, p50 (all kinds)', (e) => e.overall.p50, 0),
    panel('Cold load to first answer', (e) => e.coldMs, 360),
    ...legend,
    '</svg>',
    '',
  ].join('\n')
}
