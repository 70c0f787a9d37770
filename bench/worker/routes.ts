/** The routes of the benchmark's worker (and of its edge): see bench/workerd.ts. */

/** Forgets what was read. */
export const FORGET_PATH = '/__bench/forget'

/** Answers at once, without Folio: the round trip of the harness and workerd alone. */
export const PING_PATH = '/__bench/ping'
