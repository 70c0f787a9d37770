/**
 * Evaluates a query tree over the paged postings and scores it exactly as
 * MiniSearch does (src/query-tree.ts: BM25+, its AND / OR / AND_NOT
 * combination, its boosts, the final multiplication by the number of distinct
 * terms matched), reading only the blocks the query needs.
 *
 * - **Drivers.** Every match holds one of the tree's driver terms (a term is
 *   its own driver; OR takes all its children's, AND its cheapest child's,
 *   AND_NOT its first child's). Candidates come from the drivers' postings;
 *   every other term is looked up only at the candidates, block by block
 *   through its skip table. `Krasnoyarsk the` reads one block of `the`.
 *   Where it likely costs less, a word of an AND is looked up before a
 *   commoner one and narrows the candidates: `packets into bundles` looks
 *   `into` up only where `bundles` and `packets` meet.
 * - **Exhaustive or pruned.** When the drivers' postings are few, all are
 *   evaluated: `total` and facets are exact. Otherwise the units are cut into
 *   intervals of about equal cost in the drivers' postings, each with the best
 *   score any unit in it can reach (block-max bounds: Ding & Suel 2011), and
 *   intervals are evaluated best first until the caller's cutoff (the k-th
 *   best score so far) beats every interval left, or the query's budget is
 *   spent. The top k is then exact; counts are lower bounds. Past the budget,
 *   what it pays for is evaluated (a batch's first intervals, a stretch's most
 *   promising drivers), never nothing.
 *
 * A test checks ids and scores against MiniSearch's on random query trees.
 */
import TinyQueue from 'tinyqueue'
import type { TermInfo } from './format/lexicon'
import { BLOCK_SIZE, boundOver, type Block, type Skips } from './format/postings'
import { firstNotBelow } from './bisect'
import { PostingsSession } from './postings'
import { ABSENT, collectTerms, driverTerms, Leaves, type EvaluationInput, type Matches } from './query-tree'
import { Scratch } from './scratch'
import { ROUND_PAGES } from './store/reader'
import { atUnits, candidateUnits, holdingAny, restrict, type TermPostings } from './term-postings'

/** What a query may spend: postings read (fewer for a query of more than 32 terms), postings and positions pages read. */
export interface Budget {
  postings: number
  pages: number
}

export interface EvaluationOptions {
  budget: Budget
  /** Postings (the drivers', and the blocks of other terms at their units) up to which everything is evaluated: exact counts. */
  exhaustive: number
  /**
   * The order to evaluate intervals in, lower first: by default the negated
   * best score (best first). With a cutoff in the same terms, evaluation
   * stops when the next interval's key is above the cutoff.
   */
  priority?: (interval: Interval) => number
  cutoff?: () => number
  /** The k-th best score so far, when the best scores are all that is kept: units that cannot reach it need not be scored. */
  threshold?: () => number
  /** Postings an interval holds at least (default {@link MIN_STRETCH}). */
  stretch?: number
  /** Groups of intervals bounded before any interval is, at most (default: as many intervals as {@link INTERVAL_TERMS} allows). */
  groups?: number
  /**
   * Told a round's matches before they are consumed one stretch after
   * another: a consumer that reads more for them (phrases' positions) can
   * start those reads together, in one round, rather than one per stretch.
   */
  ahead?: (matches: Matches) => void
  /**
   * Terms whose positions the consumer reads at its candidates (a phrase's
   * words): their positions over an interval are fetched with its blocks,
   * when they fit in the round, rather than a round after them.
   */
  positioned?: ReadonlySet<string>
  /**
   * Whether a word of an AND may narrow the candidates before the other
   * words are looked up (default true). A narrowing the budget then cannot
   * complete spends postings on nothing: not where what an evaluation leaves
   * unspent is another's.
   */
  narrow?: boolean
}

export interface Interval {
  from: number
  to: number
  /** The best score a unit in it can reach. */
  bound: number
}

export interface Evaluation {
  /** The distinct terms of the query, as the mask bits number them. */
  terms: string[]
  /** Every unit that could match was evaluated: counts are exact. */
  complete: boolean
  /** Set when the budget stopped the evaluation before the top k were certain. */
  cut?: 'postings' | 'pages'
}

/** An interval waiting its turn: stretches `first` to `last` (excluded) of the cut, one or a group of them. */
interface Queued {
  interval: Interval
  key: number
  first: number
  last: number
}

/** Takes each stretch's matches; returning false stops the evaluation (the caller's own budget). */
export type Consumer = (matches: Matches) => void | boolean | Promise<void | boolean>

/** Sets of terms a query's candidates may be narrowed by, at most (its words but the rarest, a word and its expansions a set). */
const NARROWING_SETS = 3
/** Intervals evaluated per round of reads, at most. */
const BATCH = 8
/** Postings a stretch holds at least: below it, the work of evaluating a stretch outweighs what its bound may save. */
const MIN_STRETCH = 1024
/** A term of this many blocks or fewer is bounded posting by posting (its blocks are read before the intervals are). */
const EXACT_BLOCKS = 4
/**
 * Intervals times terms a query is cut into, at most: past it, neighbouring
 * block boundaries are skipped (bounds stay bounds, looser), so that a query
 * of many terms is read in a few long stretches rather than many short ones.
 */
const INTERVAL_TERMS = 32_768
/** Stretches of units block costs are counted by, at most (a corpus of more units counts several units to a stretch). */
const COST_BUCKETS = 65_536
/** The block costs' histogram: an array evaluation works in and does not return. */
const costs = new Scratch((n) => new Uint32Array(n), COST_BUCKETS + 1)

/** Units cut into stretches for a request's terms, and the terms' block bounds over each stretch and group as worked out. */
interface Cut {
  points: number[]
  /** Stretches bounded together before their own bounds are worked out. */
  group: number
  /**
   * Per row (each stretch, then each group of `group` stretches when there are groups), each term's best block over it (as
   * stored, in f32), its row known once `known`.
   */
  bounds: Float32Array
  known: Uint8Array
}
/** Per request (its postings session), its cuts by terms and budget. */
const cuts = new WeakMap<PostingsSession, Map<string, Cut>>()

/** A tree's distinct terms, what its lists say of each, its drivers (by place among the terms), and the mask's width in words. */
function treeTerms({ root, terms: lists }: Pick<EvaluationInput, 'root' | 'terms'>) {
  const terms: string[] = []
  collectTerms(root, terms)
  const infos = terms.map((t) => lists.get(t))
  const place = new Map(terms.map((t, k) => [t, k]))
  const drivers = [...driverTerms(root, (t) => lists.get(t)?.df ?? 0)].map((t) => place.get(t)!).filter((k) => infos[k])
  return { terms, infos, drivers, words: Math.max(1, Math.ceil(terms.length / 32)) }
}

/**
 * Whether {@link evaluate} reads the tree's matches whole, each exactly: when its drivers' postings, and a block of every other term
 * at each of them (or its whole list, if less), are within `exhaustive` and the budget's postings. Every candidate may cost a block of
 * each other term.
 */
export function evaluatedWhole(input: Pick<EvaluationInput, 'root' | 'terms'>, exhaustive: number, postings: number): boolean {
  return fitsWhole(treeTerms(input), exhaustive, postings)
}

function fitsWhole({ infos, drivers, words }: ReturnType<typeof treeTerms>, exhaustive: number, postings: number): boolean {
  const driverPostings = drivers.reduce((n, k) => n + infos[k]!.df, 0)
  const cost = infos.reduce((n, t, k) => (t && !drivers.includes(k) ? n + Math.min(t.df, driverPostings * BLOCK_SIZE) : n), driverPostings)
  // A posting costs more the more terms a match must keep track of: the budget shrinks with the masks' width.
  return cost <= Math.min(exhaustive, postings / words)
}

export async function evaluate(session: PostingsSession, input: EvaluationInput, consume: Consumer, options: EvaluationOptions): Promise<Evaluation> {
  const tree = treeTerms(input)
  const { terms, infos, drivers, words } = tree
  // The budget shrinks with the masks' width (fitsWhole).
  const postingsBudget = options.budget.postings / words
  // The budget is this evaluation's: what the session read before (another pass of the same request) is not charged to it.
  const limit: Budget = { postings: session.decoded + postingsBudget, pages: session.pages.size + options.budget.pages }
  const skips = await session.skipsOf(infos, ROUND_PAGES)
  const evaluation: Evaluation = { terms, complete: true }
  const leaves = new Leaves(input, terms, infos, words)
  // The sets a word of an AND may narrow the candidates by (evaluateIntervals). A query of many words keeps to its lookups as
  // they are: deciding and narrowing interval by interval costs more than it saves.
  const required = options.narrow === false ? [] : leaves.narrowing(drivers)
  const sets = required.length <= NARROWING_SETS ? required : []

  // Evaluated whole when the budget pays for it: its drivers' blocks are read before anything is evaluated.
  if (fitsWhole(tree, options.exhaustive, options.budget.postings)) {
    const blocks: DriverBlocks[] = drivers.map((k, d) => ({ driver: d, list: Array.from({ length: skips[k]!.blocks }, (_, b) => b) }))
    return stoppedBy(evaluation, await evaluateIntervals(session, leaves, infos, skips, drivers, sets, [{ from: 0, to: input.units - 1, blocks }], consume, limit))
  }

  // A request's pass for some of its words evaluates the terms of its pass for every word: the cut and the block bounds over it
  // are worked out once (for thirty common words at 1 GB, a third of the query's CPU went to each pass working them out again).
  // Keyed by the lists read, not the terms: a term's titles are another list.
  const key = `${postingsBudget}\u0000${options.stretch ?? ''}\u0000${options.groups ?? ''}\u0000${infos.map((t) => t?.term ?? '').join('\u0000')}`
  let requestCuts = cuts.get(session)
  if (!requestCuts) cuts.set(session, (requestCuts = new Map()))
  let cut = requestCuts.get(key)
  if (!cut) {
    const points = cutPoints(skips, input.units, postingsBudget, terms.length, options.stretch)
    const stretches = points.length - 1
    const group = Math.max(1, Math.ceil(stretches / (options.groups ?? mostStretches(terms.length))))
    const rows = stretches + (group > 1 ? Math.ceil(stretches / group) : 0)
    requestCuts.set(key, (cut = { points, group, bounds: new Float32Array(rows * terms.length), known: new Uint8Array(rows) }))
  }
  const { points, group, bounds, known } = cut
  const stretches = points.length - 1
  const cursors = new Int32Array(terms.length)
  const termBounds = new Float64Array(terms.length)
  const driverOf = new Int32Array(terms.length).fill(-1)
  drivers.forEach((k, d) => (driverOf[k] = d))
  // A rare term's one block spans the corpus: its block bound would be everywhere. Its postings, few, bound it exactly
  // (as many such terms as a tenth of the budget reads).
  let exactBudget = postingsBudget / 10
  const exact = await Promise.all(skips.map(async (s, k) => {
    if (!s || s.blocks > EXACT_BLOCKS) return undefined
    const cost = s.count.reduce((n, c) => n + c, 0)
    if (cost > exactBudget) return undefined
    exactBudget -= cost
    const blocks = await Promise.all(Array.from({ length: s.blocks }, (_, b) => session.block(infos[k]!, s, b)))
    // Each interval's best posting, found in one walk over the postings (a query of many rare expansions has thousands of term-intervals).
    const best = new Float64Array(points.length).fill(ABSENT)
    let i = 0
    blocks.forEach((block) => {
      const scores = leaves.scores(k, block)
      for (let j = 0; j < block.count; j++) {
        const unit = block.units[j]!
        while (i + 1 < points.length && points[i + 1]! <= unit) i++
        if (i + 1 < points.length && unit >= points[i]! && scores[j]! > best[i]!) best[i] = scores[j]!
      }
    })
    return best
  }))
  const priority = options.priority ?? ((i: Interval) => -i.bound)
  /**
   * Each term's best block over [from, to] (ABSENT: none, or a term bounded by its postings). Cursors move forward only, so calls
   * come in order of `from`, from the start again after `cursors` is reset.
   */
  const boundBlocks = (row: number, from: number, to: number): void => {
    const at = row * terms.length
    for (let k = 0; k < terms.length; k++) {
      bounds[at + k] = ABSENT
      const s = skips[k]
      if (!s || exact[k]) continue
      // blockSpan inline: this runs for every term of every stretch (a quarter of a million times for 128 terms at 1 GB), and most
      // terms of a query of many have no block in the stretch, which shows without a search or an allocation.
      let b = cursors[k]!
      if (b < s.blocks && s.last[b]! < from) b = cursors[k] = firstNotBelow(s.last, from, b + 1, s.blocks)
      if (b >= s.blocks || s.first[b]! > to) continue
      bounds[at + k] = boundOver(s, b, firstNotBelow(s.first, to + 1, b + 1, s.blocks))
    }
    known[row] = 1
  }
  /** Stretches `first` to `last` (excluded) as one interval, queued by its key; none when no driver reaches it or nothing can match there. */
  const bounded = (first: number, last: number): Queued | undefined => {
    const from = points[first]!
    const to = points[last]! - 1
    if (to < from) return undefined
    // Each term's best block (or posting) over [from, to] bounds the interval; one a driver has makes it worth reading.
    const row = last - first === 1 ? first : stretches + first / group
    if (!known[row]) boundBlocks(row, from, to)
    const at = row * terms.length
    let driven = false
    for (let k = 0; k < terms.length; k++) {
      const best = exact[k]
      termBounds[k] = bounds[at + k]!
      if (best) for (let i = first; i < last; i++) if (best[i]! > termBounds[k]!) termBounds[k] = best[i]!
      if (termBounds[k] !== ABSENT && driverOf[k]! >= 0) driven = true
    }
    if (!driven) return undefined
    const bound = leaves.program.bound(termBounds)
    if (bound === ABSENT) return undefined
    const interval = { from, to, bound }
    return { interval, key: priority(interval), first, last }
  }
  // Stretches are taken best first. Past `most` of them they are bounded a group at a time, and a group's own stretches only when
  // the group comes up: a stretch's bound (so its key) is never better than its group's, so they come in the order they would if
  // each were bounded, and a query of many common words that its budget cuts short bounds a few hundred groups, not thousands
  // of stretches (at 1 GB, 17 of the 30 ms of thirty common words went to bounding them).
  const groups: Queued[] = []
  for (let g = 0; g < stretches; g += group) {
    const queued = bounded(g, Math.min(g + group, stretches))
    if (queued) groups.push(queued)
  }
  const queue = new TinyQueue(groups, (a, b) => a.key - b.key || a.interval.from - b.interval.from)
  /** The best interval left, a stretch (groups before it bounded stretch by stretch). */
  const peek = (): Queued | undefined => {
    for (let top = queue.peek(); top && top.last - top.first > 1; top = queue.peek()) {
      queue.pop()
      cursors.fill(0)
      for (let i = top.first; i < top.last; i++) {
        const queued = bounded(i, i + 1)
        if (queued) queue.push(queued)
      }
    }
    return queue.peek()
  }
  /** The drivers' blocks over an interval: those read to evaluate it. */
  const blocksIn = (interval: Interval): DriverBlocks[] => drivers.flatMap((k, d) => {
    const list = blocksOver(skips[k]!, interval)
    return list.length === 0 ? [] : [{ driver: d, list }]
  })
  /** Drivers' blocks, the most promising driver first, as far as `postings` and `pages` pay for them. */
  const affordable = (list: DriverBlocks[], postings: number, pages: number): DriverBlocks[] => {
    const best = ({ driver, list }: DriverBlocks) => list.reduce((m, b) => Math.max(m, skips[drivers[driver]!]!.bound[b]!), 0)
    const kept: DriverBlocks[] = []
    const read = new Set<number>()
    for (const blocks of [...list].sort((a, b) => best(b) - best(a))) {
      const k = drivers[blocks.driver]!
      const cost = readCost(session, infos[k]!, skips[k]!, blocks.list, read)
      if (cost.postings > postings || read.size + cost.pages.length > pages) continue
      postings -= cost.postings
      for (const p of cost.pages) read.add(p)
      kept.push(blocks)
    }
    return kept
  }

  for (let top = peek(); top; top = peek()) {
    if (options.cutoff && top.key > options.cutoff()) {
      evaluation.complete = false
      return evaluation
    }
    // A batch: the next intervals, as many as a round of reads brings (ROUND_PAGES), read together.
    const batch: (Interval & { key: number; blocks: DriverBlocks[] })[] = []
    const pages = new Set<number>()
    const blocks = new Set<number>()
    let postings = 0
    for (let next: Queued | undefined = top; next && batch.length < BATCH && (batch.length === 0 || pages.size < ROUND_PAGES); next = peek()) {
      const interval = { ...next.interval, key: next.key, blocks: blocksIn(next.interval) }
      let more = 0
      const morePages = new Set<number>()
      interval.blocks.forEach(({ driver: d, list }) => {
        const cost = readCost(session, infos[drivers[d]!]!, skips[drivers[d]!]!, list.filter((b) => !blocks.has(d * 2 ** 32 + b)), pages)
        more += cost.postings
        for (const p of cost.pages) morePages.add(p)
      })
      // The budget ends the batch. An interval it cannot pay for whole (one of many common words: a block of each) is evaluated
      // with the most promising of its drivers the budget pays for, then the evaluation ends.
      const cut = overBudget(session, limit, postings + more, pages.size + morePages.size)
      if (cut) {
        if (batch.length > 0) break
        const some = affordable(interval.blocks, limit.postings - session.decoded, limit.pages - session.pages.size)
        if (some.length === 0) return { ...evaluation, complete: false, cut }
        const stopped = await evaluateIntervals(session, leaves, infos, skips, drivers, sets, [{ ...interval, blocks: some }], consume, limit, undefined, options)
        return stoppedBy(evaluation, stopped ?? cut)
      }
      interval.blocks.forEach(({ driver: d, list }) => list.forEach((b) => blocks.add(d * 2 ** 32 + b)))
      for (const p of morePages) pages.add(p)
      postings += more
      batch.push(interval)
      queue.pop()
    }
    const stop = options.cutoff && ((i: number) => batch[i]!.key > options.cutoff!())
    // Stopped by the cutoff (every interval after is beyond it too), the consumer, or the budget.
    const stopped = await evaluateIntervals(session, leaves, infos, skips, drivers, sets, batch, consume, limit, stop, options)
    if (stopped) return stoppedBy(evaluation, stopped)
  }
  return evaluation
}

/** Stretches a query of `terms` terms is cut into, about (each costs work per term: to bound it, to read it). */
const mostStretches = (terms: number) => Math.max(32, Math.floor(INTERVAL_TERMS / terms))

/** Where the units are cut into stretches of about equal cost in the terms' postings (`points`, the last one past the end). */
function cutPoints(skips: readonly (Skips | undefined)[], units: number, postingsBudget: number, terms: number, stretch: number | undefined): number[] {
  // Stretches of units, each closing once the blocks beginning in it reach a share of the budget. Blocks are counted by stretch
  // of `width` units (a histogram: sorting every block boundary cost 10 to 190 ms for a query of thirty common words). Every unit
  // some block covers is in one: the cut is the terms', whichever of them drive a pass.
  const width = Math.max(1, Math.ceil(units / COST_BUCKETS))
  const buckets = Math.ceil(units / width) + 1
  const histogram = costs.zeroed(buckets)
  let total = 0
  let end = 0
  for (const s of skips) if (s && s.blocks > 0) end = Math.max(end, s.last[s.blocks - 1]! + 1)
  // A stretch costs the blocks of every term over it: its drivers', and the others' looked up at its candidates (where a term is
  // common, most of its blocks there). Counting drivers alone cut a rare word and a common one into stretches whose lookups no
  // budget paid for, and no unit with both was ever evaluated.
  for (const s of skips) {
    if (!s) continue
    for (let b = 0; b < s.blocks && s.first[b]! < end; b++) {
      histogram[Math.floor(s.first[b]! / width)]! += s.count[b]!
      total += s.count[b]!
    }
  }
  // About `most` stretches of equal cost; smaller ones while a stretch would cost more than an eighth of the budget (up to eight
  // times as many); none so small that evaluating it costs more than its postings.
  const most = mostStretches(terms)
  // A stretch reads a block of each driver common enough to have blocks in most stretches, however short the stretch: when
  // those blocks alone cost an eighth of the budget, shorter stretches cost about as much, and are only more to bound.
  const floor = skips.reduce((n, s) => (s && s.blocks > most ? n + BLOCK_SIZE : n), 0)
  const aim = postingsBudget / 8 - floor
  const share = Math.max(stretch ?? MIN_STRETCH, total / (8 * most), aim > 0 ? Math.min(total / most, aim) : total / most)
  const points: number[] = []
  let spent = 0
  for (let c = 0; c < buckets; c++) {
    if (histogram[c] === 0) continue
    if (points.length === 0 || spent >= share) {
      points.push(c * width)
      spent = 0
    }
    spent += histogram[c]!
  }
  points.push(end)
  return points
}

/** The blocks of a term whose units overlap `from`–`to`, as the first and the one past the last. */
function blockSpan(s: Skips, from: number, to: number): [number, number] {
  const b = firstNotBelow(s.last, from, 0, s.blocks)
  return [b, firstNotBelow(s.first, to + 1, b, s.blocks)]
}

/** A term's blocks whose units overlap `from`–`to`. */
function blocksOver(s: Skips, { from, to }: { from: number; to: number }): number[] {
  const [b, end] = blockSpan(s, from, to)
  return Array.from({ length: end - b }, (_, i) => b + i)
}

/** What reading a term's `blocks` takes: their postings, and the pages neither in `read` nor read by the query yet. */
function readCost(session: PostingsSession, info: TermInfo, skips: Skips, blocks: readonly number[], read: ReadonlySet<number>): { postings: number; pages: number[] } {
  let postings = 0
  for (const b of blocks) postings += skips.count[b]!
  return { postings, pages: session.pagesFor(info, skips, blocks).filter((p) => !read.has(p)) }
}

/** What of the budget `limit` reading `postings` and `pages` more would pass, if anything. */
function overBudget(session: PostingsSession, limit: Budget, postings: number, pages: number): 'postings' | 'pages' | undefined {
  return session.decoded + postings > limit.postings ? 'postings' : session.pages.size + pages > limit.pages ? 'pages' : undefined
}

/** The evaluation as it stood when `why` stopped it (nothing: it went to the end). */
function stoppedBy(evaluation: Evaluation, why: 'cutoff' | 'consumer' | 'postings' | 'pages' | undefined): Evaluation {
  if (!why) return evaluation
  return { ...evaluation, complete: false, ...((why === 'postings' || why === 'pages') && { cut: why }) }
}

/**
 * Evaluates intervals: drivers' blocks first, then the other terms' blocks at
 * the candidates, then the tree. Says why it stopped early, if it did: the
 * cutoff, the consumer, or the budget (before reading what would pass it).
 */
async function evaluateIntervals(
  session: PostingsSession,
  leaves: Leaves,
  infos: (TermInfo | undefined)[],
  skips: (Skips | undefined)[],
  drivers: number[],
  sets: readonly (readonly number[])[],
  intervals: { from: number; to: number; blocks: DriverBlocks[] }[],
  consume: Consumer,
  budget: Budget,
  stop?: (i: number) => boolean,
  { threshold, ahead, positioned }: Pick<EvaluationOptions, 'threshold' | 'ahead' | 'positioned'> = {},
): Promise<'cutoff' | 'consumer' | 'postings' | 'pages' | undefined> {
  // Candidates come from the drivers that could lift a unit past the k-th score; the others are looked up at them (MaxScore).
  const t = threshold?.() ?? -Infinity
  const essential = intervals.map((interval) => (t > 0 ? essentialDrivers(leaves, skips, drivers, interval, t) : interval.blocks.map(() => true)))
  const fetched = session.reader.fetched
  const reading = Promise.all(intervals.map((interval, i) => Promise.all(interval.blocks.map(({ driver: d, list }, j) =>
    essential[i]![j] ? Promise.all(list.map((b) => session.block(infos[drivers[d]!]!, skips[drivers[d]!]!, b))) : Promise.resolve([] as Block[])))))
  // Per interval, the terms looked up at its candidates: those no driver, and the drivers let go.
  const lookedTerms = intervals.map((interval, i) => [
    ...infos.flatMap((t, k) => (t && !drivers.includes(k) ? [k] : [])),
    ...interval.blocks.flatMap(({ driver }, j) => (essential[i]![j] ? [] : [drivers[driver]!])),
  ])
  // When reading the drivers' blocks fetched pages (a read starts its fetch at once), the other terms' blocks over the intervals are
  // fetched in the same round if they fit in it (a round costs a cold query some 30 ms at the edge), within the budget's pages: the
  // lookups then need no round of their own.
  // So are the positions a phrase's candidates will need, in what is left of the round, whether or not these blocks were already on
  // their way, when the request is cold.
  const fetching = session.reader.fetched > fetched
  const positions = session.reader.cold ? positioned : undefined
  if (fetching || positions) {
    const round = Math.min(ROUND_PAGES, budget.pages - session.pages.size)
    const over = intervals.flatMap((interval, i) => lookedTerms[i]!.map((k) => ({ t: infos[k]!, skips: skips[k]!, blocks: blocksOver(skips[k]!, interval) })))
    if (fetching) session.fetchAhead(over, round)
    if (positions) {
      const driving = intervals.flatMap((interval, i) => interval.blocks.flatMap(({ driver: d, list }, j) =>
        essential[i]![j] ? [{ t: infos[drivers[d]!]!, skips: skips[drivers[d]!]!, blocks: list }] : []))
      session.fetchAhead([...driving, ...over].filter(({ t }) => positions.has(t.term)), round - (session.reader.fetched - fetched), 'positions')
    }
  }
  const decoded = await reading
  const candidates = decoded.map((perDriver, i) => candidateUnits(perDriver, intervals[i]!.from, intervals[i]!.to))
  // Each interval's looked-up terms, by term: their blocks holding its candidates.
  const read = intervals.map(() => new Map<number, readonly Block[]>())
  // A block two intervals' candidates share is counted once.
  const counted = new Set<number>()
  // The blocks of a term holding an interval's candidates, worked out once: costed, weighed and read, until a set narrows them.
  const holding = intervals.map(() => new Map<number, number[]>())
  const blocksAt = (i: number, k: number): number[] => {
    let blocks = holding[i]!.get(k)
    if (!blocks) holding[i]!.set(k, (blocks = PostingsSession.blocksHolding(skips[k]!, candidates[i]!)))
    return blocks
  }
  /** Postings of `terms`' blocks holding interval `i`'s candidates, not yet counted. */
  const costAt = (i: number, terms: Iterable<number>): number => {
    let postings = 0
    for (const k of terms) {
      for (const b of blocksAt(i, k)) if (!counted.has(k * 2 ** 32 + b)) postings += skips[k]!.count[b]!
    }
    return postings
  }
  /** The share of interval `i`'s candidates that `terms` are likely to hold: their blocks' postings over the units they span. */
  const densityAt = (i: number, terms: readonly number[]): number => {
    let share = 0
    for (const k of terms) {
      const s = skips[k]!
      let postings = 0
      let span = 0
      for (const b of blocksAt(i, k)) {
        postings += s.count[b]!
        span += s.last[b]! - s.first[b]! + 1
      }
      if (span > 0) share += postings / span
    }
    return Math.min(1, share)
  }
  /**
   * Reads the blocks of `terms` holding the candidates of intervals `first` on, for as many as the budget pays for, in order:
   * how many, and what stopped it.
   */
  const lookUp = async (first: number, termsOf: (i: number) => readonly number[], most = Infinity): Promise<{ count: number; over?: 'postings' | 'pages' }> => {
    let postings = 0
    const pages = new Set<number>()
    const wanted: { k: number; blocks: number[] }[][] = []
    let over: 'postings' | 'pages' | undefined
    for (let i = first; i < intervals.length; i++) {
      const list = termsOf(i).map((k) => ({ k, blocks: blocksAt(i, k) }))
      let more = 0
      const morePages = new Set<number>()
      for (const { k, blocks } of list) {
        const cost = readCost(session, infos[k]!, skips[k]!, blocks.filter((b) => !counted.has(k * 2 ** 32 + b)), pages)
        more += cost.postings
        for (const p of cost.pages) morePages.add(p)
      }
      // An interval whose lookups read nothing more is evaluated whatever the budget: its reads are done.
      over = more > 0 || morePages.size > 0 ? overBudget(session, budget, postings + more, pages.size + morePages.size) : undefined
      if (over || (i > first && postings + more > most)) break
      postings += more
      for (const p of morePages) pages.add(p)
      for (const { k, blocks } of list) for (const b of blocks) counted.add(k * 2 ** 32 + b)
      wanted.push(list)
    }
    const blocks = await Promise.all(wanted.map((list) => Promise.all(list.map(({ k, blocks }) =>
      Promise.all(blocks.map((b) => session.block(infos[k]!, skips[k]!, b)))))))
    blocks.forEach((perTerm, x) => perTerm.forEach((b, y) => read[first + x]!.set(wanted[x]![y]!.k, b)))
    return { count: wanted.length, over }
  }
  const unread = (i: number, terms: readonly number[]) => (read[i]!.size === 0 ? terms : terms.filter((k) => !read[i]!.has(k)))
  // The intervals whose lookups the budget pays for, in order: those are evaluated, the rest left (a batch is never dropped whole).
  let affordable = 0
  let cut: 'postings' | 'pages' | undefined
  while (affordable < intervals.length) {
    // A set of terms every match holds one of (a word of an AND) narrows the candidates before the others are looked up, the
    // cheapest set first, as Lucene's conjunctions lead by their cheapest clause: `packets into bundles` looks `into` up where
    // `bundles` and `packets` meet, not at every unit of `bundles` (a block of `into` for each). Only where it is likely to cost
    // less than those lookups, and within what is left of the budget: reading a set and then not the rest spends the budget on
    // nothing. It narrows the intervals from the next on as far as half of what is left pays for (one at least).
    const i = affordable
    const set = sets.find((set) => {
      const first = unread(i, set)
      if (first.length === 0) return false
      const after = new Set(unread(i, lookedTerms[i]!))
      for (const k of set) after.delete(k)
      if (after.size === 0) return false
      // What narrowing is likely to cost: the set's lookups, and the others' at the share of candidates the set's density leaves.
      const rest = costAt(i, after)
      const expected = costAt(i, first) + densityAt(i, set) * rest
      return expected < rest && session.decoded + expected <= budget.postings
    })
    if (set) {
      const narrowed = await lookUp(i, (j) => unread(j, set), (budget.postings - session.decoded) / 2)
      cut = narrowed.count === 0 ? narrowed.over : undefined
      if (cut) break
      for (let j = i; j < i + narrowed.count; j++) {
        candidates[j] = holdingAny(set.map((k) => read[j]!.get(k)!), candidates[j]!)
        holding[j]!.clear()
      }
      continue
    }
    // Stopped by the budget at this interval, which nothing narrows more.
    if (cut) break
    const all = await lookUp(i, (j) => unread(j, lookedTerms[j]!))
    affordable += all.count
    cut = all.over
    if (!cut) break
  }
  const run = (i: number): Matches => {
    const postings = new Map<number, TermPostings>()
    intervals[i]!.blocks.forEach(({ driver: d }, j) => {
      if (essential[i]![j]) postings.set(drivers[d]!, restrict(decoded[i]![j]!, intervals[i]!.from, intervals[i]!.to))
    })
    for (const k of lookedTerms[i]!) postings.set(k, atUnits(read[i]!.get(k)!, candidates[i]!))
    return leaves.run(postings)
  }
  // With `ahead`, every stretch is run before the first is consumed (some may then be cut off unconsumed); without, one at a time.
  const runs = ahead ? Array.from({ length: affordable }, (_, i) => run(i)) : []
  for (const m of runs) if (m.units.length > 0) ahead!(m)
  for (let i = 0; i < affordable; i++) {
    if (stop?.(i)) return 'cutoff'
    const m = runs[i] ?? run(i)
    if (m.units.length > 0 && (await consume(m)) === false) return 'consumer'
  }
  return cut
}

/**
 * Which of an interval's drivers must give candidates: the others, taken
 * from the least promising up, could not together lift a unit past the
 * `threshold` (MaxScore: Turtle & Flood 1995), given every term's best block
 * over the interval.
 */
function essentialDrivers(leaves: Leaves, skips: readonly (Skips | undefined)[], drivers: readonly number[], interval: { from: number; to: number; blocks: DriverBlocks[] }, threshold: number): boolean[] {
  const bounds = new Float64Array(skips.length).fill(ABSENT)
  skips.forEach((s, k) => {
    if (!s) return
    bounds[k] = boundOver(s, ...blockSpan(s, interval.from, interval.to))
  })
  const present = interval.blocks.map(({ driver }) => drivers[driver]!)
  const order = present.map((_, j) => j).sort((a, b) => bounds[present[a]!]! - bounds[present[b]!]!)
  // The least promising drivers are let go while, held together, they cannot reach the threshold (a unit holding none of the
  // others scores no more). A bound only grows as drivers are added, so the first that reaches it is found by bisection: adding
  // them one at a time cost a bound per driver, a hundred per stretch for a query of many prefixes.
  const trial = new Float64Array(bounds.length)
  const reaches = (m: number): boolean => {
    trial.set(bounds)
    for (let j = m + 1; j < order.length; j++) trial[present[order[j]!]!] = ABSENT
    return leaves.program.bound(trial) >= threshold
  }
  let lo = 0
  let hi = order.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (reaches(mid)) hi = mid
    else lo = mid + 1
  }
  const essential = present.map(() => true)
  for (let j = 0; j < lo; j++) essential[order[j]!] = false
  return essential
}

/** The blocks of one driver (by its place among the drivers) an interval reads. */
interface DriverBlocks {
  driver: number
  list: number[]
}
