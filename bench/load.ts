/**
 * Load and soak: `npm run load -- [--seconds 60] [--soak-seconds 600] [--concurrency 16]`.
 *
 * The worker as `wrangler deploy` bundles it, in workerd through Miniflare
 * (no `wrangler dev` proxy), over the built index (`npm run build` first).
 * Clients send the committed real queries of the shipped volume
 * (bench/queries/volume.json: every kind, and /suggest, /documents and
 * /read among them) back to back: first at saturation for `--seconds`, then
 * one more client sending the costliest queries a query may be (is everyone
 * else still served?) for `--seconds`, then a soak for `--soak-seconds` at
 * the same concurrency. It reports requests
 * per second, latency p50/p99/max, errors (every answer but 200 or 304, and
 * requests left unanswered) and the workerd process's memory (RSS) over
 * time, sampled every 10 s: flat when nothing leaks. Prints a JSON report
 * after the human one.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type { Miniflare } from 'miniflare'
import { quantile } from './stats'
import { Edge, instance } from './workerd'

export interface Phase {
  seconds: number
  requests: number
  perSecond: number
  p50: number
  p99: number
  max: number
  errors: number
  /** workerd's resident memory, MB, every 10 s from the phase's start. */
  memoryMb: number[]
  /** The hostile client's requests (not counted above), when there was one. */
  hostile?: { requests: number; p50: number; max: number }
}

/** What one client sends back to back to spend the most a query may: many prefixes, phrases of stop words, many typos, long OR chains. */
const HOSTILE = [
  'th* wi* fr* fi* wh* us* on* na* de* va* op* co* li* ha* te* fu* mo* ve* so* up* ot* al* re* er* sp* sh* su* fl* cr* da* ma* pr*',
  '"of the" "in the" "to the" "and the" "on the" "for the" "at the" "by the"',
  'resoruces transporot ulgorithm extpnsion platform protetype respwonses environmnts govrnment negotaitons',
  'the OR to OR a OR of OR in OR and OR is OR for OR this OR be OR that OR with OR by OR not OR if OR it OR on OR are',
].map((q) => `/search?${new URLSearchParams({ q })}`)

/** The mix: the committed queries of every kind, and the other routes a reader calls. */
function paths(): string[] {
  const set = JSON.parse(readFileSync('bench/queries/volume.json', 'utf8')) as Record<string, unknown>
  const queries = Object.entries(set).flatMap(([, v]) => (Array.isArray(v) ? v.map((q) => (typeof q === 'string' ? q : (q as { q: string }).q)) : []))
  const search = queries.map((q) => `/search?${new URLSearchParams({ q })}`)
  const other = queries.filter((_, i) => i % 10 === 0).flatMap((q) => [
    `/suggest?${new URLSearchParams({ q: q.slice(0, 4) })}`, '/documents?limit=20', '/read/frus1989-92v31-d49', '/people?q=rusk',
  ])
  return [...search, ...other]
}

/** The resident memory of the workerd processes this process started, in MB. */
function workerdRss(): number {
  let kb = 0
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8')
      const parent = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1])
      if (/^Name:\s+workerd/m.test(status) && (parent === process.pid || isDescendant(parent))) kb += Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0)
    } catch {
      // the process ended while it was read
    }
  }
  return kb / 1024
}

function isDescendant(pid: number): boolean {
  for (let p = pid, hops = 0; p > 1 && hops < 8; hops++) {
    if (p === process.pid) return true
    try {
      p = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1])
    } catch {
      return false
    }
  }
  return false
}

/** Sends the mix from `concurrency` clients, back to back, for `seconds`; with `hostile`, one more client sends its costliest queries. */
async function phase(mf: Miniflare, mix: string[], seconds: number, concurrency: number, log: (line: string) => void, hostile = false): Promise<Phase> {
  const times: number[] = []
  const hostileTimes: number[] = []
  let errors = 0
  const memory: number[] = [workerdRss()]
  const started = performance.now()
  const until = started + seconds * 1000
  const sampler = setInterval(() => {
    memory.push(workerdRss())
    log(`  ${Math.round((performance.now() - started) / 1000)} s: ${times.length} requests, ${errors} errors, workerd ${memory.at(-1)!.toFixed(0)} MB`)
  }, 10_000)
  let next = 0
  const client = async (k: number) => {
    const attacker = hostile && k === concurrency
    while (performance.now() < until) {
      const path = attacker ? HOSTILE[next++ % HOSTILE.length]! : mix[next++ % mix.length]!
      const t = performance.now()
      try {
        const res = await mf.dispatchFetch(`http://folio.test${path}`)
        await res.arrayBuffer()
        if (res.status !== 200 && res.status !== 304) errors++
      } catch {
        errors++
      }
      ;(attacker ? hostileTimes : times).push(performance.now() - t)
    }
  }
  await Promise.all(Array.from({ length: concurrency + (hostile ? 1 : 0) }, (_, k) => client(k + 1)))
  clearInterval(sampler)
  memory.push(workerdRss())
  const elapsed = (performance.now() - started) / 1000
  return {
    seconds: elapsed, requests: times.length, perSecond: times.length / elapsed,
    p50: quantile(times, 0.5), p99: quantile(times, 0.99), max: times.reduce((a, b) => Math.max(a, b), 0), errors, memoryMb: memory,
    ...(hostile && { hostile: { requests: hostileTimes.length, p50: quantile(hostileTimes, 0.5), max: hostileTimes.reduce((a, b) => Math.max(a, b), 0) } }),
  }
}

export async function load(options: { seconds: number; soakSeconds: number; concurrency: number; indexDir: string; log: (line: string) => void }) {
  const mf = instance(new Edge(options.indexDir, 0))
  try {
    const mix = paths()
    // Every path once: the isolate's caches are those of a worker that has served a while.
    for (const path of mix) await (await mf.dispatchFetch(`http://folio.test${path}`)).arrayBuffer()
    options.log(`saturation: ${options.seconds} s, ${options.concurrency} clients, ${mix.length} paths`)
    const saturation = await phase(mf, mix, options.seconds, options.concurrency, options.log)
    options.log(`with one more client sending the costliest queries: ${options.seconds} s`)
    const underAttack = await phase(mf, mix, options.seconds, options.concurrency, options.log, true)
    options.log(`soak: ${options.soakSeconds} s`)
    const soak = options.soakSeconds > 0 ? await phase(mf, mix, options.soakSeconds, options.concurrency, options.log) : undefined
    return { concurrency: options.concurrency, paths: mix.length, saturation, underAttack, soak }
  } finally {
    await mf.dispose()
  }
}

const line = (name: string, p: Phase) =>
  `${name.padEnd(11)} ${p.requests} requests in ${p.seconds.toFixed(0)} s: ${p.perSecond.toFixed(0)} req/s, p50 ${p.p50.toFixed(2)} ms, p99 ${p.p99.toFixed(2)} ms, ` +
  `max ${p.max.toFixed(1)} ms, ${p.errors} errors; workerd ${p.memoryMb[0]!.toFixed(0)} → ${p.memoryMb.at(-1)!.toFixed(0)} MB (most ${Math.max(...p.memoryMb).toFixed(0)})`

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: {
    seconds: { type: 'string', default: '60' }, 'soak-seconds': { type: 'string', default: '600' },
    concurrency: { type: 'string', default: '16' }, index: { type: 'string', default: 'build/index' },
  } })
  const report = await load({
    seconds: Number(values.seconds), soakSeconds: Number(values['soak-seconds']), concurrency: Number(values.concurrency), indexDir: values.index!, log: console.log,
  })
  console.log(line('saturation', report.saturation))
  const attack = report.underAttack
  console.log(line('+ hostile', attack) + `; the hostile client: ${attack.hostile!.requests} requests, p50 ${attack.hostile!.p50.toFixed(1)} ms, max ${attack.hostile!.max.toFixed(1)} ms`)
  if (report.soak) console.log(line('soak', report.soak))
  console.log(JSON.stringify(report))
  process.exitCode = report.saturation.errors + attack.errors + (report.soak?.errors ?? 0) > 0 ? 1 : 0
}
