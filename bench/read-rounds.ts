/**
 * Reads answered in rounds, as the edge answers them: a read opens a round
 * when none is open, and every read asked for while it is open is answered
 * when it closes, `ms` later. That six go at a time is the worker's own
 * limiter's doing: a seventh is asked for once one is answered, and so opens
 * the next round. Tests count a query's rounds with it (test/support/rounds.ts),
 * and so does `bench/rounds.ts`.
 */
import type { ReadAsset } from '../src/store/cache'

export interface Rounds {
  read: ReadAsset
  /** The paths read in each round since `logging` was set (files read at load are not logged). */
  log: string[][]
  logging: boolean
}

export function inRounds(read: ReadAsset, ms: number): Rounds {
  let waiting: (() => void)[] = []
  const rounds: Rounds = {
    log: [],
    logging: false,
    read: (path) => new Promise((resolve) => {
      waiting.push(() => resolve(read(path)))
      if (rounds.logging) {
        if (waiting.length === 1) rounds.log.push([])
        rounds.log.at(-1)!.push(path)
      }
      if (waiting.length === 1) {
        setTimeout(() => {
          const open = waiting
          waiting = []
          open.forEach((answer) => answer())
        }, ms)
      }
    }),
  }
  return rounds
}
