import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launch, worker } from '../../support/browser'

describe('the reading page', () => {
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    browser = await launch()
    page = await browser.newPage({ viewport: { width: 1100, height: 800 } })
  })
  afterAll(() => browser.close())

  it('opens at the hit, scrolled into view, its words marked', async () => {
    await page.goto(`${worker()}/read/frus1989-92v31-d49?q=Krasnoyarsk#p14`)
    const hit = page.locator('#p14')
    await expect.poll(() => hit.evaluate((el) => {
      const r = el.getBoundingClientRect()
      return r.top >= 0 && r.bottom <= window.innerHeight
    })).toBe(true)
    expect(await hit.locator('mark').allInnerTexts()).toEqual(['Krasnoyarsk'])
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0)
  })

  it('puts page numbers in the margin, where pages begin', async () => {
    await page.goto(`${worker()}/read/frus1989-92v31-d49`)
    expect(await page.locator('.pb').evaluateAll((els) => els.map((e) => e.getAttribute('data-page')))).toEqual(['361', '362', '363', '364'])
    const marker = page.locator('.pb[data-page="363"]')
    const paragraph = page.locator('#p9')
    const [m, p] = [await marker.boundingBox(), await paragraph.boundingBox()]
    expect(m!.x + m!.width).toBeLessThanOrEqual(p!.x)
    expect(await marker.getAttribute('aria-label')).toBe('Page 363')
    expect(await marker.isVisible()).toBe(true)
    expect(await paragraph.textContent()).toContain('December 1987 at the Washington summit')
  })

  it('links note markers to their notes, and back', async () => {
    await page.goto(`${worker()}/read/frus1989-92v31-d49`)
    await page.locator('#title sup.ref a').click()
    expect(new URL(page.url()).hash).toBe('#n1')
    expect(await page.locator('#n1').innerText()).toMatch(/^1\.\s*Source: George H\.W\. Bush Library/)
    await page.locator('#n1 a.back').click()
    expect(new URL(page.url()).hash).toBe('#ref-title-1')
  })

  it('answers a document it does not hold with a page that says so', async () => {
    const res = await page.goto(`${worker()}/read/nope`)
    expect(res!.status()).toBe(404)
    expect(await page.locator('h1').innerText()).toBe('No document nope')
  })
})
