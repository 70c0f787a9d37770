/**
 * While `wrangler dev` runs (`npm start` sets FOLIO_KEEP_LAST_GOOD), a build
 * that fails keeps the index before it served, and says why beside it
 * (`last-build.json`, which /health reports), instead of stopping the dev
 * server or leaving its requests waiting. A build anywhere else (`wrangler
 * deploy`, CI) fails as it should.
 */
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { LAST_BUILD_FILE, type FailedBuild } from '../src/format/layout'
import { servedIndex } from './build'

export function keepsLastGood(): boolean {
  return process.env.FOLIO_KEEP_LAST_GOOD === '1'
}

/** Records a failed build beside the index it leaves served; false when there is none to serve. */
export function recordFailure(out: string, corpus: string, errors: string[]): boolean {
  const manifest = servedIndex(out)
  if (!manifest) return false
  const failed: FailedBuild = { failed_at: new Date().toISOString(), corpus, errors }
  writeFileSync(join(out, LAST_BUILD_FILE), JSON.stringify(failed, null, 1))
  console.error(`build:index: serving the last good index (${manifest.hash}, built ${manifest.builtAt}) until the corpus is fixed; /health says why`)
  return true
}

/** A build that succeeded: nothing failed to report. */
export function clearFailure(out: string): void {
  rmSync(join(out, LAST_BUILD_FILE), { force: true })
}
