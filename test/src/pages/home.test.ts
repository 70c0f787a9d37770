import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launch, worker } from '../../support/browser'

describe('the demo page', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launch()
  })
  afterAll(() => browser.close())

  it('says what Folio is, gives the two lines to embed, and searches live', async () => {
    const page = await browser.newPage()
    await page.goto(worker())
    expect(await page.locator('h1').innerText()).toBe('Folio')
    expect(await page.locator('pre code').innerText()).toBe(
      `<script type="module" src="${worker()}/widget.js"></script>\n<folio-search placeholder="Search the documents"></folio-search>`,
    )
    await page.locator('main folio-search input').fill('Okinawa reversion')
    await expect.poll(() => page.locator('main folio-search li.result').count()).toBeGreaterThan(0)
  })
})
