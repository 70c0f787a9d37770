import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { embedder, launch, worker } from '../support/browser'

describe('<folio-search> embedded in a page of another origin', () => {
  let browser: Browser
  let page: Page
  const input = () => page.locator('folio-search input')
  const results = () => page.locator('folio-search li.result')

  beforeAll(async () => {
    browser = await launch()
  })
  afterAll(() => browser.close())
  beforeEach(async () => {
    page = await browser.newPage()
    await page.goto(embedder())
  })

  it('is a combobox, themed by the host page', async () => {
    await expect.poll(() => input().getAttribute('role')).toBe('combobox')
    expect(await input().getAttribute('placeholder')).toBe('Search FRUS')
    expect(await page.locator('folio-search ul').getAttribute('role')).toBe('listbox')
    const accent = await page.locator('folio-search').evaluate((el) => getComputedStyle(el).getPropertyValue('--folio-accent').trim())
    expect(accent).toBe('rgb(128, 0, 64)')
  })

  it('shows results as you type: snippet with marks, title, kind, page, across origins', async () => {
    await input().pressSequentially('Krasnoyarsk', { delay: 20 })
    await expect.poll(() => results().count()).toBe(1)
    const hit = results().first()
    expect(await hit.locator('.kind').innerText()).toMatch(/paragraph/i)
    expect(await hit.locator('.title').innerText()).toBe('Letter From Soviet General Secretary Gorbachev to President Bush')
    expect(await hit.locator('.meta').innerText()).toContain('p. 363')
    expect(await hit.locator('mark').allInnerTexts()).toEqual(['Krasnoyarsk'])
    expect(await page.locator('folio-search .status').innerText()).toBe('1 result.')
  })

  it('suggests completions while a word is typed', async () => {
    await input().fill('Shevard')
    await expect.poll(() => page.locator('folio-search li.suggestion').allInnerTexts()).toEqual(['Shevardnadze'])
  })

  it('shows the notes a paragraph cites', async () => {
    await input().fill('"June 20"')
    await expect.poll(() => results().count()).toBeGreaterThan(0)
    expect(await results().first().locator('.notes').innerText()).toBe('Notes: 2. See Document 34.')
  })

  it('moves with the arrows, closes with Escape, opens the reading page with Enter', async () => {
    await input().fill('Krasnoyarsk radar')
    await expect.poll(() => results().count()).toBe(1)
    const options = page.locator('folio-search li[role="option"]')
    const suggestions = await page.locator('folio-search li.suggestion').count()
    await input().press('ArrowDown')
    expect(await options.first().getAttribute('aria-selected')).toBe('true')
    expect(await input().getAttribute('aria-activedescendant')).toBe(await options.first().getAttribute('id'))
    await input().press('ArrowUp')
    expect(await input().getAttribute('aria-activedescendant')).toBeNull()
    await input().press('Escape')
    expect(await input().getAttribute('aria-expanded')).toBe('false')
    expect(await page.locator('folio-search .panel').isHidden()).toBe(true)
    expect(await input().inputValue()).toBe('Krasnoyarsk radar')
    // Down through the suggestions to the result.
    for (let i = 0; i <= suggestions; i++) await input().press('ArrowDown')
    expect(await input().getAttribute('aria-expanded')).toBe('true')
    expect(await input().getAttribute('aria-activedescendant')).toBe(await results().first().getAttribute('id'))
    await input().press('Enter')
    await page.waitForURL(/\/read\//)
    const url = new URL(page.url())
    expect(url.origin).toBe(worker())
    expect(url.pathname).toBe('/read/frus1989-92v31-d49')
    expect(url.searchParams.get('q')).toBe('Krasnoyarsk radar')
    expect(url.hash).toBe('#p14')
  })

  it('empties the box with a second Escape, and shows nothing more', async () => {
    await input().fill('Krasnoyarsk')
    await expect.poll(() => results().count()).toBe(1)
    await input().press('Escape')
    expect(await input().inputValue()).toBe('Krasnoyarsk')
    await input().press('Escape')
    expect(await input().inputValue()).toBe('')
    expect(await results().count()).toBe(0)
    await input().press('ArrowDown')
    expect(await input().getAttribute('aria-expanded')).toBe('false')
  })

  it('offers each result’s citation, and says when an abbreviation was searched for its meaning', async () => {
    await input().fill('PriMin')
    await expect.poll(() => page.locator('folio-search .status').innerText()).toContain('PriMin also searched as “Prime Minister”.')
    const cite = results().first().locator('folio-cite')
    expect(await cite.getAttribute('text')).toMatch(/^Foreign Relations of the United States, 1964–1968, vol\. XXIX, pt\. 2, Japan, /)
    expect(await cite.locator('button').getAttribute('aria-label')).toBe('Copy the citation')
  })

  it('says which common words a question was searched without', async () => {
    await input().fill('What was said about Krasnoyarsk? ')
    await expect.poll(() => page.locator('folio-search .status').innerText()).toBe('1 result. Searched without the common words “What”, “was”, “said”, “about”.')
    expect(await results().first().locator('mark').allInnerTexts()).toEqual(['Krasnoyarsk'])
  })

  it('says so when nothing matches', async () => {
    await input().fill('zebra')
    await expect.poll(() => page.locator('folio-search .status').innerText()).toBe('No results for “zebra”.')
    expect(await results().count()).toBe(0)
  })

  it('never puts document or query text into the page as HTML', async () => {
    await input().fill('<img src=x onerror="window.pwned=1"> treaty')
    await expect.poll(() => page.locator('folio-search .status').innerText()).toMatch(/results|matches/)
    expect(await page.locator('folio-search img').count()).toBe(0)
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined()
  })

  it('tells a person when the search is unavailable', async () => {
    await page.goto(`${embedder()}/broken`)
    await page.locator('folio-search input').fill('treaty')
    await expect.poll(() => page.locator('folio-search .status').innerText()).toMatch(/^Search is unavailable/)
  })
})
