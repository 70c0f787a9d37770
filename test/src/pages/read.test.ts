import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DocumentFacts } from '../../../src/library'
import type { Unit } from '../../../src/model'
import { renderReadingPage, type Context } from '../../../src/pages/read'
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

describe('the reading page, with the editors’ markup', () => {
  let browser: Browser
  let page: Page
  const VOLUME = 'frus1964-68v29p2'

  beforeAll(async () => {
    browser = await launch()
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: worker() })
    page = await context.newPage()
  })
  afterAll(() => browser.close())

  it('explains an abbreviation on hover (title) and on focus (shown beside it)', async () => {
    await page.goto(`${worker()}/read/${VOLUME}-d17`)
    const abbr = page.locator('abbr', { hasText: 'PriMin' }).first()
    expect(await abbr.getAttribute('title')).toBe('Prime Minister')
    await abbr.focus()
    expect(await abbr.evaluate((e) => getComputedStyle(e, '::after').content)).toContain('Prime Minister')
  })

  it('links a reference to another document of the corpus', async () => {
    await page.goto(`${worker()}/read/${VOLUME}-d5`)
    await page.locator('#n3 a.doc-ref', { hasText: 'Document 7' }).click()
    await page.waitForURL(`${worker()}/read/${VOLUME}-d7`)
    expect(await page.locator('h1').innerText()).toContain('Editorial Note')
    expect(await page.locator('section.links', { hasText: 'Cited by' }).innerText()).toContain('Letter From Secretary of Defense McNamara')
  })

  it('copies a unit’s citation, page included', async () => {
    await page.goto(`${worker()}/read/${VOLUME}-d5#p2`)
    await page.locator('#p2').hover()
    const button = page.locator('#p2 folio-cite button')
    await button.click()
    await expect.poll(() => button.innerText()).toBe('Copied')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      'Foreign Relations of the United States, 1964–1968, vol. XXIX, pt. 2, Japan, doc. 5, p. 3.',
    )
  })

  it('shows who a person is where the text names them', async () => {
    await page.goto(`${worker()}/read/${VOLUME}-d5`)
    expect(await page.locator('#p1 .person').getAttribute('title')).toBe('Rusk, Dean — Secretary of State from January 21, 1961 to January 20, 1969')
  })
})

describe('renderReadingPage', () => {
  const evil = '<img src=x onerror="window.pwned=1">'
  const unit = (kind: Unit['kind'], n: number, text: string, extra: Partial<Unit> = {}): Unit =>
    ({ id: `d/${kind}${n}`, doc: 'd', kind, n, text, pages: [{ page: `<${n}>`, at: 0 }], cites: [], ...extra })
  const doc = {
    id: 'd', type: 'document', title: `Title ${evil}`, number: '"><script>window.pwned=1</script>', volume: 'v<b>', date: '1965',
    place: `Tokyo ${evil}`, chapter: '<i>chapter</i>', source: 'https://history.state.gov/"onmouseover="window.pwned=1', first: 0, count: 3, pages: [],
    references: ['elsewhere'],
  } as unknown as DocumentFacts
  const units = [
    unit('title', 1, `The <script>window.pwned=1</script> title`, { cites: [{ note: 'd/fn1', at: 4 }] }),
    unit('paragraph', 1, `A paragraph about ${evil} and radar.`, { annotations: [{ type: 'term', target: 't', start: 0, end: 1 }] }),
    unit('footnote', 1, `A note ${evil}`, { label: '<u>1</u>' }),
  ]
  const ctx: Context = {
    origin: 'http://folio.test', marked: new Set(['radar']), notes: new Map(), people: new Map(),
    terms: new Map([['t', { id: 't', abbreviation: 'A', expansion: `"${evil}` }]]) as Context['terms'],
    links: new Map([['elsewhere', { id: 'elsewhere', title: evil, in_corpus: false, url: 'https://x.test/"><script>window.pwned=1</script>' }]]),
  }

  it('escapes every value of the document, its units and its links, as a browser reads them', async () => {
    const markup = String(await renderReadingPage(doc, undefined, units, ctx))
    expect(markup).not.toMatch(/<script>window|<img|<b>|<i>chapter|<u>1/)
    const browser = await launch()
    try {
      const page = await browser.newPage()
      await page.setContent(markup)
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined()
      expect(await page.locator('img, b, i, u, script:not([src])').count()).toBe(0)
      expect(await page.locator('h1').innerText()).toContain('<script>window.pwned=1</script>')
      expect(await page.locator('#p1 mark').allInnerTexts()).toEqual(['radar'])
      expect(await page.locator('.facts').first().innerText()).toContain(`Tokyo ${evil}`)
    } finally {
      await browser.close()
    }
  })
})
