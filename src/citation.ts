/**
 * Citations in the form historians use for FRUS:
 *
 *   Foreign Relations of the United States, 1964–1968, vol. XXIX, pt. 2,
 *   Japan, doc. 11, p. 9.
 *
 * built from the volume's title parts (TEI header). A document read from page
 * text, whose volume is known only by its id (`frus1989-92v31`), is cited from
 * what the id says: years and volume number, without the volume's title.
 */
import type { Citation } from './api/schema'
import type { DocumentHead } from './format/units'
import type { Page, Volume } from './model'
import { toRoman } from './roman'


const SERIES = 'Foreign Relations of the United States'

/** `frus1964-68v29p2` → years 1964–1968, volume XXIX, part 2. */
const VOLUME_ID = /^frus(\d{4})(?:-(\d{2,4}))?(?:v(\d+)(?:p(\d+))?)?/

export function cite(volume: Omit<Volume, 'pages'> | undefined, doc: DocumentHead, page: Page | null | undefined): Citation {
  const fromId = VOLUME_ID.exec(doc.volume ?? '')
  const subseries = volume?.subseries ?? (fromId ? years(fromId[1]!, fromId[2]) : undefined)
  const number = volume?.volumeNumber
    ? shortNumber(volume.volumeNumber)
    : fromId?.[3] ? `vol. ${toRoman(Number(fromId[3]))}${fromId[4] ? `, pt. ${fromId[4]}` : ''}` : undefined
  const title = volume?.volumeTitle
  const document = doc.type === 'document' ? doc.number : doc.title
  const parts = [
    volume?.series ?? SERIES,
    subseries,
    number,
    title,
    document && (doc.type === 'document' ? `doc. ${document}` : document),
    page !== null && page !== undefined ? `p. ${page}` : undefined,
  ].filter((p): p is string => p !== undefined && p !== '')
  return {
    text: `${parts.join(', ')}.`,
    series: volume?.series ?? SERIES,
    ...(subseries && { subseries }),
    ...(number && { volume: number }),
    ...(title && { volume_title: title }),
    ...(document && { document }),
    ...(page !== null && page !== undefined && { page }),
    ...(doc.source && { url: doc.source }),
  }
}

/** `Volume XXIX, Part 2` → `vol. XXIX, pt. 2`. */
function shortNumber(volumeNumber: string): string {
  return volumeNumber.replace(/\bVolume\b/i, 'vol.').replace(/\bPart\b/i, 'pt.')
}

/** `1964`, `68` → `1964–1968`. */
function years(from: string, to: string | undefined): string {
  if (!to) return from
  return `${from}–${to.length === 4 ? to : from.slice(0, 4 - to.length) + to}`
}
