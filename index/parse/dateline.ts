/**
 * Reads the dateline of a FRUS document page (`Washington, March 3, 1970,
 * 4:30–5:15 p.m.`, `Moscow, September 22, 1989.`, `[Tokyo,] undated.`) into
 * where and when the document was written, as the TEI volumes give them in
 * `<dateline>` markup: page text has no markup, so the line is read by its
 * form. A line that does not begin with a place and a comma, or a date, is not
 * one (a SUBJECT line that names a month, say).
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
/** A month written out, or cut short as older volumes do (`Sept.`, `Dec.`). */
const MONTH = String.raw`(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?`

/** `Place, Month D, YYYY` (or `D Month YYYY`, or `Month YYYY`), the place optional or in the editors' brackets, then a time or nothing. */
const DATELINE = new RegExp(
  String.raw`^\s*(?:\[?([^\d:;\[\]]{2,60}?)(?:,\]?|\],)\s+)?\[?(?:(\d{1,2})\s+)?${MONTH}\s+(?:(\d{1,2}),?\s+)?(\d{4})\]?(?=$|[\s.,;])`,
  'i',
)

export interface Dateline {
  /** ISO date: `1970-03-03`, or `1970-03` when the line gives no day. */
  date: string
  place?: string
}

/** The place and date a dateline gives, or undefined when `line` is not a dated dateline. */
export function readDateline(line: string): Dateline | undefined {
  const m = DATELINE.exec(line)
  if (!m || (m[2] !== undefined && m[4] !== undefined)) return undefined
  const month = MONTHS.indexOf(m[3]!.slice(0, 3).toLowerCase()) + 1
  const dayText = m[2] ?? m[4]
  const day = dayText === undefined ? undefined : Number(dayText)
  if (day !== undefined && (day < 1 || day > 31)) return undefined
  const pad = (n: number) => String(n).padStart(2, '0')
  const place = m[1]?.trim()
  return { date: `${m[5]}-${pad(month)}${day === undefined ? '' : `-${pad(day)}`}`, ...(place && { place }) }
}
