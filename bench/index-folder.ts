import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** An index in a folder, read as the worker reads its assets (`index/…`): what `loadIndex` takes. */
export function indexFolder(dir: string): (path: string) => Promise<Response> {
  return async (path) => {
    try {
      return new Response(readFileSync(join(dir, path.replace(/^index\//, ''))))
    } catch {
      return new Response('not found', { status: 404 })
    }
  }
}
