/** The route of the benchmark's worker (and of its edge) that forgets what was read: see bench/workerd.ts. */
export const FORGET_PATH = '/__bench/forget'
