/**
 * The benchmark report: Markdown tables per corpus with Folio/peer ratios,
 * the corpora of prose at scale side by side, the targets checked, and an
 * SVG plot of query latency against corpus size. The plot is a few lines of
 * SVG written here: a plotting library would bring a canvas or a browser into
 * the benchmark for one chart.
 */
import type { BenchResult, CorpusResult, EngineResult, Percentiles } from './results'
import type { ScaleResult } from './scale'
import { TIMED_PASSES } from './stats'

const ms = (x: number) => (!Number.isFinite(x) ? '–' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2))
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 1)} MB`
const pct = (x: number) => x.toFixed(3)
const trio = (p: Percentiles | undefined) => (p ? `${ms(p.p50)} / ${ms(p.p95)} / ${ms(p.p99)}` : '–')
const thousands = (n: number) => n.toLocaleString('en-US')

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
    `Medians of ${c.runs.build} build(s) and ${c.runs.cold} cold load(s); latency over ${c.runs.passes} pass(es) of the query set after a warm-up pass, each query's time its median over the passes (a pause the host takes in one run is not the query's cost). ` +
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
      (k) => `| ${k} | ${engines.map((e) => trio(e.latency[k])).join(' | ')} |`,
    ),
    `| **all** | ${engines.map((e) => trio(e.overall)).join(' | ')} |`,
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
  if (engines[0]!.bookIndex) {
    const judged = engines[0]!.bookIndex.queries
    lines.push(
      '',
      `Relevance judged by the volume's own back-of-book index (bench/book-index.ts): ${c.bookIndexEntries} entries became queries, ` +
        `${judged} of them name documents or pages the corpus holds. A hit is relevant when its document or one of its pages is listed. ` +
        'nDCG@10 / P@10 / recall@10 (the share of listed documents and pages the ten hits reach):',
      '',
      head,
      `| book index | ${engines.map((e) => `${e.bookIndex!.ndcg10.toFixed(3)} / ${e.bookIndex!.p10.toFixed(3)} / ${e.bookIndex!.recall10.toFixed(3)}`).join(' | ')} |`,
    )
  }
  if (c.workerd) {
    const w = c.workerd
    lines.push(
      '',
      `Folio in workerd (Miniflare; every page's first read delayed 30 ms): new instance to first answer **${ms(w.coldStartMs)} ms** (median; ${ms(w.firstAnswerMs ?? NaN)} ms of it once workerd was ready); ` +
        `queries p50 / p95 / p99, cold (isolate and edge caches emptied) ${trio(w.cold)} ms, cold in a new isolate ${trio(w.newIsolate)} ms, warm ${trio(w.warm)} ms (each query\'s median over the passes${w.warmSamples ? `; every sample ${trio(w.warmSamples)} ms` : ''}); ` +
        `in the worker (its Server-Timing, without the way in and out) ${trio(w.inWorker?.cold)} ms cold, ${trio(w.inWorker?.newIsolate)} ms in a new isolate, ${trio(w.inWorker?.warm)} ms warm` +
        `${w.transport ? `; a request answered without Folio ${trio(w.transport)} ms` : ''}. ` +
        `Worker bundle ${mb(w.bundleBytes)} (${mb(w.bundleGzipBytes)} gzip).`,
    )
  }
  return lines.join('\n')
}

/** The corpora of prose at scale, side by side. */
function scaleSection(list: readonly ScaleResult[]): string {
  if (list.length === 0) return ''
  const head = (label: string) => `| ${label} | ${list.map((s) => s.name).join(' | ')} |\n|---|${list.map(() => '---').join('|')}|`
  const line = (label: string, pick: (s: ScaleResult) => string) => `| ${label} | ${list.map(pick).join(' | ')} |`
  const kinds = Object.keys(list[0]!.folio.kinds)
  const mini = (s: ScaleResult, kind: string) => (s.minisearch ? trio(s.minisearch.kinds[kind]) : '–')
  const words = (s: ScaleResult) => s.corpus.vocabulary.at(-1)![1]
  const sources = list[0]!.corpus.pool.sources
  return [
    '## Corpora of real prose at scale',
    '',
    `Generated by \`bench/corpus.ts\` from ${thousands(list[0]!.corpus.pool.paragraphs)} paragraphs of real English (${mb(list[0]!.corpus.pool.bytes)}: ` +
      `${Object.entries(sources).map(([k, v]) => `${k} ${mb(v)}`).join(', ')}; and the shipped FRUS volume), written as TEI volumes of about 3 MB. ` +
      'Up to the pool\'s size the text is real paragraphs, unchanged; past it paragraphs come round again with their rare words replaced by new ones, ' +
      'as often as Heaps\' law fitted on the real text says new words appear. Queries are drawn from three volumes of each corpus; ' +
      'Node figures are a process holding the index alone, every page in memory after a first pass, ' +
      `each query's time its median over ${TIMED_PASSES} passes (five until 2026-12-05; plain MiniSearch's past 10 MB over three; so, its CPU time, not the host's pauses); ` +
      'workerd figures are a client\'s round trip over HTTP to workerd\'s socket (until 2026-12-04 through Miniflare\'s dispatchFetch, which adds pauses of its own); a warm query\'s time is its median over three passes, as in Node (until 2026-12-04 every sample counted, the row "every warm sample" below); a request answered without Folio, asked after each warm query, gives the way in and out alone.',
    '',
    head('corpus'),
    line('text', (s) => mb(s.corpus.textBytes)),
    line('real paragraphs, unchanged', (s) => `${((s.corpus.realBytes / s.corpus.textBytes) * 100).toFixed(0)}%`),
    line('documents / units', (s) => `${thousands(s.corpus.documents)} / ${thousands(s.build.units)}`),
    line('distinct words', (s) => thousands(words(s))),
    line('Heaps\' law fitted on the real text', (s) => `${s.corpus.heaps.k.toFixed(2)} · n^${s.corpus.heaps.beta.toFixed(3)}`),
    '',
    head('build'),
    line('time', (s) => `${s.build.seconds.toFixed(1)} s`),
    line('peak memory (RSS)', (s) => mb(s.build.peakBytes)),
    line('index files', (s) => thousands(s.build.files)),
    line('index, raw / gzip', (s) => `${mb(s.build.rawBytes)} / ${mb(s.build.gzipBytes)}`),
    line('rebuild, nothing changed', (s) => `${s.build.upToDateSeconds.toFixed(1)} s`),
    line('rebuild, one volume changed', (s) => `${s.build.oneChangedSeconds.toFixed(1)} s${s.build.oneChangedGroups ? ` (${s.build.oneChangedGroups.reused} of ${s.build.oneChangedGroups.total} groups reused)` : ''}`),
    line('plain MiniSearch: build / memory', (s) => (s.minisearch ? `${(s.minisearch.buildMs / 1000).toFixed(1)} s / ${mb(s.minisearch.memoryBytes)}` : '–')),
    '',
    'Query latency in ms, p50 / p95 / p99, with snippets and facets; postings and positions pages and postings a query used, cached or not, as its budget counts them (mean; until 2026-12-03 the pages column counted pages read from the files, none once warm); plain MiniSearch beside it (ids only):',
    '',
    head('Folio in Node'),
    ...kinds.map((k) => line(k, (s) => `${trio(s.folio.kinds[k])} · ${s.folio.kinds[k]!.pages.toFixed(0)} pages, ${thousands(Math.round(s.folio.kinds[k]!.postings))} postings`)),
    line('**all**', (s) => trio(s.folio.overall)),
    line('memory once every query ran', (s) => `${mb(s.folio.memoryBytes)} (pages ${mb(s.folio.cacheBytes)}, decoded ${mb(s.folio.decodedBytes)}${s.folio.storedBytes === undefined ? '' : `, stored ${mb(s.folio.storedBytes)}`})`),
    line('memory of a busy isolate: more queries, a hundred hits each, every cache full', (s) => {
      const b = s.folio.busy
      return b ? `${mb(b.memoryBytes)} (pages ${mb(b.pages)}, decoded ${mb(b.skipTables)}, stored ${mb(b.stored)}, hits shown ${mb(b.shown)})` : '–'
    }),
    '',
    'What the budget costs the answers: of the hits a budget a hundred times larger puts in a query\'s top ten, the share the worker\'s budget puts there too; in brackets, the queries that show fewer units holding every word than that budget finds:',
    '',
    head('top ten kept'),
    ...kinds.map((k) => line(k, (s) => {
      const f = s.folio.fidelity?.[k]
      return f ? `${(f.share * 100).toFixed(0)}% (${f.fullMissed} of ${f.queries})` : '–'
    })),
    '',
    head('plain MiniSearch'),
    ...kinds.map((k) => line(k, (s) => mini(s, k))),
    line('**all**', (s) => (s.minisearch ? trio(s.minisearch.overall) : s.minisearchNote ?? '–')),
    '',
    head('Folio in workerd'),
    line('new instance to first answer (from workerd ready)', (s) => `${ms(s.workerd.coldStartMs)} ms (${ms(s.workerd.firstAnswerMs ?? NaN)} ms)`),
    ...kinds.map((k) => line(`${k}: cold · warm`, (s) => `${trio(s.workerd.kinds[k]?.cold)} · ${trio(s.workerd.kinds[k]?.warm)}`)),
    line('**all**: cold · warm', (s) => `${trio(s.workerd.cold)} · ${trio(s.workerd.warm)}`),
    line('**all**, in the worker: cold · warm', (s) => `${trio(s.workerd.inWorker?.cold)} · ${trio(s.workerd.inWorker?.warm)}`),
    line('**all**, every warm sample (not each query\'s median)', (s) => (s.workerd.warmSamples ? trio(s.workerd.warmSamples) : '–')),
    line('**all**, cold in a new isolate: round trip · in the worker', (s) => `${trio(s.workerd.newIsolate)} · ${trio(s.workerd.inWorker?.newIsolate)}`),
    line('a request answered without Folio, between the warm queries', (s) => (s.workerd.transport ? trio(s.workerd.transport) : '–')),
    line('pages fetched, cold query (p50 / p95)', (s) => {
      const fetched = Object.values(s.workerd.kinds).map((k) => k.fetched)
      return `${Math.max(...fetched.map((f) => f.p50))} / ${Math.max(...fetched.map((f) => f.p95))} (worst kind)`
    }),
    '',
    'Hostile queries (bench/queries.ts) in Node: median time of several runs once each is warmed as the kinds are (in brackets its first run, before the JIT had compiled its shape, and its worst), postings read, what the budget cut:',
    '',
    head('query'),
    ...list[0]!.folio.hostile.map((h, i) => line(h.name, (s) => {
      const x = s.folio.hostile[i]!
      const first = x.firstMs === undefined ? '' : `first ${ms(x.firstMs)}, worst `
      return `${ms(x.ms)} ms (${first}${ms(x.worstMs)}), ${thousands(x.postings)} postings${x.cut.length > 0 ? `, cut: ${x.cut.join(', ')}` : ''}`
    })),
  ].join('\n')
}

function targets(r: BenchResult): string {
  const rows: string[] = []
  const check = (what: string, value: string, met: boolean) => rows.push(`| ${what} | ${value} | ${met ? 'met' : '**missed**'} |`)
  const at = (name: string) => r.scale.find((s) => s.name === name)
  // Any query: the slowest hostile query (its median once warmed), or a kind's p99 where that is more.
  const slowest = (s: ScaleResult) => {
    const hostile = Math.max(...s.folio.hostile.map((h) => h.ms))
    const [kind, worst] = Object.entries(s.folio.kinds).reduce((a, b) => (b[1].p99 > a[1].p99 ? b : a))
    return worst.p99 > hostile ? { ms: worst.p99, what: `${kind} queries' p99` } : { ms: hostile, what: 'slowest hostile query, median' }
  }
  const anyQuery = (s: ScaleResult, limit: number) => {
    const { ms: t, what } = slowest(s)
    return [`${ms(t)} ms (${what})`, t <= limit] as const
  }
  const ten = at('10MB')
  if (ten) {
    const worst = Math.max(...Object.values(ten.folio.kinds).map((k) => k.p99))
    const samples = ten.folio.samples ? `; every sample ${ms(ten.folio.samples.p99)} ms` : ''
    check('10 MB: every query kind p99 ≤ 5 ms, snippets included (Node, each query\'s median over its passes)', `${ms(worst)} ms (worst kind)${samples}`, worst <= 5)
    if (ten.minisearch) {
      const slower = Object.entries(ten.folio.kinds).filter(([k, f]) => f.p50 > ten.minisearch!.kinds[k]!.p50).map(([k]) => k)
      check('10 MB: every kind\'s p50 no slower than plain MiniSearch\'s', slower.length === 0 ? 'none slower' : `slower: ${slower.join(', ')}`, slower.length === 0)
    }
    check('10 MB: any query, hostile ones included, ≤ 10 ms of CPU', ...anyQuery(ten, 10))
  }
  const gb = at('1GB')
  if (gb) {
    const samples = gb.workerd.warmSamples ? `; every sample ${ms(gb.workerd.warmSamples.p99)} ms` : ''
    check('1 GB: warm p99 ≤ 20 ms (workerd, each query\'s median of three passes)', `${ms(gb.workerd.warm.p99)} ms${samples}`, gb.workerd.warm.p99 <= 20)
    check('1 GB: cold p99 ≤ 150 ms with 30 ms reads (workerd, isolate and edge caches emptied)', `${ms(gb.workerd.cold.p99)} ms`, gb.workerd.cold.p99 <= 150)
    const held = Math.max(gb.folio.memoryBytes, gb.folio.busy?.memoryBytes ?? 0)
    check(`1 GB: isolate memory ≤ 100 MB${gb.folio.busy ? ' (a busy isolate, every cache full)' : ''}`, mb(held), held <= 100 * 2 ** 20)
    check('1 GB: any query ≤ 25 ms of CPU', ...anyQuery(gb, 25))
    check('1 GB: build within 3 GB of memory', mb(gb.build.peakBytes), gb.build.peakBytes <= 3 * 2 ** 30)
  }
  const volume = r.corpora.find((c) => c.name === 'volume')
  if (volume?.engines[0]!.known) {
    const folio = volume.engines[0]!
    check('volume: known-item hit@1 ≥ 0.97', pct(folio.known!.hit1), folio.known!.hit1 >= 0.97)
    check('volume: known-item hit@1 with a typo ≥ 0.95', pct(folio.knownTypo!.hit1), folio.knownTypo!.hit1 >= 0.95)
  }
  const judged = volume?.engines.find((e) => e.engine === 'MiniSearch')?.bookIndex
  if (volume && judged) {
    const folio = volume.engines[0]!.bookIndex!
    check('volume: book-index nDCG@10 ≥ 1.2 × plain MiniSearch\'s', `${folio.ndcg10.toFixed(3)} (${(folio.ndcg10 / judged.ndcg10).toFixed(2)}×)`, folio.ndcg10 >= 1.2 * judged.ndcg10)
    check('volume: book-index nDCG@10 ≥ 0.40', folio.ndcg10.toFixed(3), folio.ndcg10 >= 0.4)
  }
  if (rows.length === 0) return ''
  return ['## Targets', '', '| target | measured | |', '|---|---|---|', ...rows].join('\n')
}

/** Relevance on the info manuals' own indexes, Folio beside plain MiniSearch. */
function infoSection(r: BenchResult): string {
  const info = r.infoIndex
  if (!info) return ''
  const judged = info.results[0]?.queries ?? 0
  if (judged === 0) return `## Relevance on other text\n\nNo GNU info manual with an index was found in ${info.root}.`
  return [
    '## Relevance on other text',
    '',
    `The indexes of the GNU info manuals in ${info.root} (bench/info-index.ts), each manual a corpus of its own (a node a document): ` +
      `${info.manuals.map((m) => `${m.name} ${thousands(m.entries)}`).join(', ')}; ${thousands(judged)} entries in all. ` +
      'A hit is relevant when its node is one the entry names. nDCG@10 / P@10 / recall@10:',
    '',
    `| | ${info.results.map((e) => e.engine).join(' | ')} |`,
    `|---|${info.results.map(() => '---').join('|')}|`,
    `| info manuals' indexes | ${info.results.map((e) => `${e.ndcg10.toFixed(3)} / ${e.p10.toFixed(3)} / ${e.recall10.toFixed(3)}`).join(' | ')} |`,
  ].join('\n')
}

/** A line naming the corpora kept from earlier runs, if any. */
function kept(r: BenchResult): string[] {
  const earlier = [...r.corpora, ...r.scale].filter((c) => c.run)
  if (earlier.length === 0) return []
  return [`Kept from earlier runs on the same machine (\`--keep\`): ${earlier.map((c) => `${c.name} (${c.run!.date.slice(0, 10)}, commit ${c.run!.commit})`).join(', ')}; the rest is this run's.`]
}

export function renderReport(r: BenchResult): string {
  const { machine: m } = r
  return [
    '# Benchmarks',
    '',
    `Generated by \`npm run bench${r.quick ? ' -- --quick' : ''}\` on ${r.date.slice(0, 10)} at commit ${r.commit}: ${m.cpu}, ${m.cores} cores, ${m.memory}, ${m.os}, Node ${m.node}.`,
    ...kept(r),
    `Versions: ${Object.entries(r.versions).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    '',
    'Every figure is measured in the same run for Folio and each peer, on the same units and the same queries ' +
      '(for the real corpora, committed in `bench/queries/`; how they are drawn is documented in `bench/queries.ts`). ' +
      'Cold load is a fresh Node process reading the serialized index from disk until its first answer; memory is the growth of heap ' +
      'and array buffers over that load.',
    '',
    targets(r),
    '',
    ...r.corpora.map(corpusSection),
    '',
    scaleSection(r.scale),
    '',
    r.http
      ? `## Through HTTP\n\nThe worker under \`wrangler dev\` (workerd) with the shipped corpus, loaded by autocannon with ${r.http.connections} connections for ${r.http.seconds} s, ` +
        `queries of the volume's set in rotation: **${r.http.requestsPerSecond.toFixed(0)} requests/s**, latency p50 ${r.http.p50} ms, p99 ${r.http.p99} ms, ` +
        `${r.http.requests} requests, ${r.http.errors} errors, ${r.http.non2xx} non-2xx.`
      : '',
    '',
    infoSection(r),
    '',
    '![Query latency against corpus size](benchmarks.svg)',
    '',
  ].join('\n')
}

const COLORS = ['#b3261e', '#1f6feb', '#2da44e', '#bf8700', '#8250df']

/** Query latency against corpus size (log-log): Folio's p50 and p99 in Node, its warm and cold p50 in workerd, plain MiniSearch's p50. */
export function renderPlot(r: BenchResult): string {
  const points: { x: number; name: string; series: Record<string, number> }[] = [
    ...r.corpora.map((c) => {
      const folio = c.engines[0]!
      const mini = c.engines.find((e) => e.engine === 'MiniSearch')
      return {
        x: c.textBytes, name: c.name,
        series: {
          'Folio p50': folio.overall.p50, 'Folio p99': folio.overall.p99, ...(mini && { 'MiniSearch p50': mini.overall.p50 }),
          ...(c.workerd && { 'workerd warm p50': c.workerd.warm.p50, 'workerd cold p50': c.workerd.cold.p50 }),
        } as Record<string, number>,
      }
    }),
    ...r.scale.map((s) => ({
      x: s.corpus.textBytes, name: s.name,
      series: {
        'Folio p50': s.folio.overall.p50, 'Folio p99': s.folio.overall.p99, ...(s.minisearch && { 'MiniSearch p50': s.minisearch.overall.p50 }),
        'workerd warm p50': s.workerd.warm.p50, 'workerd cold p50': s.workerd.cold.p50,
      } as Record<string, number>,
    })),
  ].sort((a, b) => a.x - b.x)
  const names = ['Folio p50', 'Folio p99', 'MiniSearch p50', 'workerd warm p50', 'workerd cold p50']
  const w = 720
  const h = 320
  const xs = points.map((p) => Math.log10(p.x))
  const ys = points.flatMap((p) => Object.values(p.series).map((v) => Math.log10(Math.max(v, 0.01))))
  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs)]
  const [yMin, yMax] = [Math.floor(Math.min(...ys)), Math.ceil(Math.max(...ys))]
  const px = (x: number) => 70 + ((x - xMin) / (xMax - xMin || 1)) * (w - 110)
  const py = (y: number) => 40 + (1 - (y - yMin) / (yMax - yMin || 1)) * (h - 100)
  const parts = [`<text x="${w / 2}" y="20" text-anchor="middle" font-weight="bold">Query latency against corpus size (log-log)</text>`]
  for (let y = yMin; y <= yMax; y++) {
    parts.push(`<line x1="${px(xMin)}" x2="${px(xMax)}" y1="${py(y)}" y2="${py(y)}" stroke="#ddd"/>`)
    parts.push(`<text x="${px(xMin) - 6}" y="${py(y) + 4}" text-anchor="end">${10 ** y} ms</text>`)
  }
  for (const p of points) parts.push(`<text x="${px(Math.log10(p.x))}" y="${h - 42}" text-anchor="middle">${p.name}</text>`)
  names.forEach((name, i) => {
    const line = points.filter((p) => p.series[name] !== undefined)
      .map((p) => `${px(Math.log10(p.x)).toFixed(1)},${py(Math.log10(Math.max(p.series[name]!, 0.01))).toFixed(1)}`)
    if (line.length > 0) parts.push(`<polyline fill="none" stroke="${COLORS[i]}" stroke-width="2" points="${line.join(' ')}"/>`)
    parts.push(`<text x="${30 + i * 140}" y="${h - 12}" fill="${COLORS[i]}" font-weight="bold">${name}</text>`)
  })
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif" font-size="11">`,
    `<rect width="${w}" height="${h}" fill="white"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n')
}
