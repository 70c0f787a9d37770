/**
 * `npm run screenshots`: the demo page, an open list of results and a reading
 * page, as a person sees them in Chromium, saved under docs/ for the README.
 */
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS } from '../test/support/browser'
import { startDevServer } from './dev-server'

const server = await startDevServer(8791)
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 760 } })
  await page.goto(server.url)
  await page.screenshot({ path: 'docs/screenshot-demo.png' })

  const input = page.locator('main folio-search input')
  await input.pressSequentially('Okinawa reversion', { delay: 30 })
  await page.locator('main folio-search li.result').first().waitFor()
  await input.press('ArrowDown')
  await page.screenshot({ path: 'docs/screenshot-results.png' })

  await page.goto(`${server.url}/read/frus1964-68v29p2-d14?q=Okinawa`)
  await page.waitForLoadState('load')
  await page.screenshot({ path: 'docs/screenshot-reading.png' })
  console.log('screenshots written to docs/')
} finally {
  await browser.close()
  server.stop()
}
