/** Roman numerals, for front-matter pages (`XII`) and volume numbers (`vol. XXIX`). */

const ROMAN: [string, number][] = [
  ['M', 1000], ['CM', 900], ['D', 500], ['CD', 400], ['C', 100], ['XC', 90],
  ['L', 50], ['XL', 40], ['X', 10], ['IX', 9], ['V', 5], ['IV', 4], ['I', 1],
]

/** The value of a roman numeral (either case), or undefined if it is not one. */
export function romanValue(s: string): number | undefined {
  let rest = s.toUpperCase()
  let value = 0
  for (const [sym, v] of ROMAN) {
    while (rest.startsWith(sym)) {
      value += v
      rest = rest.slice(sym.length)
    }
  }
  return rest === '' && value > 0 ? value : undefined
}

/** `n` in upper-case roman numerals. */
export function toRoman(n: number): string {
  let out = ''
  for (const [sym, v] of ROMAN) {
    while (n >= v) {
      out += sym
      n -= v
    }
  }
  return out
}
