/**
 * Starts the worker under `wrangler dev` (workerd), for the browser tests,
 * the screenshots and the HTTP benchmark, and stops it again. `wrangler dev`
 * builds the index and the widget first (`[build]`); the build replaces files
 * atomically, so tests reading build/ meanwhile are not disturbed.
 */
import { spawn } from 'node:child_process'

export interface DevServer {
  url: string
  stop(): void
}

export async function startDevServer(port: number): Promise<DevServer> {
  const child = spawn('npx', ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(port)], {
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  })
  const url = `http://127.0.0.1:${port}`
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM')
    } catch {
      // already gone
    }
  }
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) return { url, stop }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  stop()
  throw new Error(`wrangler dev did not answer on ${url} within a minute`)
}
