/**
 * Browser-test support: Debian's Chromium driven by playwright-core, the
 * worker under wrangler dev (started once by test/support/servers.ts), and
 * a page on another origin that embeds the widget.
 */
import { chromium, type Browser } from 'playwright-core'
import { inject } from 'vitest'

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
}

/** The worker's origin and the other origin's, from the global setup. */
export const worker = () => inject('workerUrl')
export const embedder = () => inject('embedderUrl')

declare module 'vitest' {
  export interface ProvidedContext {
    workerUrl: string
    embedderUrl: string
  }
}
