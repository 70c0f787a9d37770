/**
 * Global setup of the browser tests: the worker under wrangler dev, and a
 * plain HTTP server on another port (another origin) whose pages embed the
 * widget with the two lines the README gives.
 */
import { createServer } from 'node:http'
import type { TestProject } from 'vitest/node'
import { startDevServer } from '../../scripts/dev-server'

const WORKER_PORT = 8788
const EMBEDDER_PORT = 8790

export default async function setup(project: TestProject) {
  const worker = await startDevServer(WORKER_PORT)
  const pages: Record<string, string> = {
    '/': `<!doctype html><html><head><title>A historian's blog</title></head><body>
<h1>My research notes</h1>
<script type="module" src="${worker.url}/widget.js"></script>
<folio-search placeholder="Search FRUS" limit="5" style="--folio-accent: rgb(128, 0, 64)"></folio-search>
</body></html>`,
    '/broken': `<!doctype html><html><body>
<script type="module" src="${worker.url}/widget.js"></script>
<folio-search api="http://127.0.0.1:9"></folio-search>
</body></html>`,
  }
  const embedder = createServer((req, res) => {
    const body = pages[req.url ?? '/']
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' })
    res.end(body ?? 'not found')
  })
  await new Promise<void>((resolve) => embedder.listen(EMBEDDER_PORT, '127.0.0.1', resolve))
  project.provide('workerUrl', worker.url)
  project.provide('embedderUrl', `http://127.0.0.1:${EMBEDDER_PORT}`)
  return () => {
    embedder.close()
    worker.stop()
  }
}
