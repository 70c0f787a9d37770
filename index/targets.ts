/**
 * Where an index is served, and what each place can hold. The paged index
 * keeps little resident (page tables and per-document facts), so what limits
 * it on Workers is the number of asset files and their size, not memory.
 */

export interface Target {
  /** Most asset files (the widget's script is one of them). */
  files: number
  /** Largest asset file. */
  fileBytes: number
  /** Most bytes the worker may keep resident (the resident file, roughly as loaded). */
  residentBytes: number
}

const MiB = 2 ** 20

/** Cloudflare Workers' static assets: 20,000 files on the Free plan, 100,000 on Paid, 25 MiB each; 128 MB per isolate. */
export const TARGETS = {
  'workers-free': { files: 20_000, fileBytes: 25 * MiB, residentBytes: 40 * MiB },
  'workers-paid': { files: 100_000, fileBytes: 25 * MiB, residentBytes: 40 * MiB },
  unlimited: { files: Infinity, fileBytes: Infinity, residentBytes: Infinity },
} as const satisfies Record<string, Target>

export type TargetName = keyof typeof TARGETS

/** Earlier name of `workers-free`. */
export const TARGET_ALIASES: Record<string, TargetName> = { workers: 'workers-free' }

/** Raised when the index is too big for the target; the message names the limit. */
export class TargetLimitError extends Error {}

/** Refuses an index the target cannot hold: too many files, a file too big, too much to keep resident. */
export function checkTarget(index: { files: number; largestFile: number; residentBytes: number }, name: TargetName): void {
  const target = TARGETS[name]
  const mb = (n: number) => `${(n / MiB).toFixed(1)} MB`
  if (index.files + 1 > target.files) {
    throw new TargetLimitError(
      `the index needs ${index.files} files (and the widget one more), over the ${target.files} asset files target ${name} serves; ` +
      'build with larger pages (--page-kb), or choose a target that holds more',
    )
  }
  if (index.largestFile > target.fileBytes) {
    throw new TargetLimitError(`a file of the index is ${mb(index.largestFile)}, over the ${mb(target.fileBytes)} a file may be on target ${name}`)
  }
  if (index.residentBytes > target.residentBytes) {
    throw new TargetLimitError(
      `the worker would keep ${mb(index.residentBytes)} resident (page tables and per-document facts), over the ${mb(target.residentBytes)} ` +
      `allowed on target ${name}`,
    )
  }
}
