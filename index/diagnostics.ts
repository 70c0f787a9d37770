/** Problems the build found in the corpus, each pinned to a file and line. */

export type Severity = 'error' | 'warning'

export interface Diagnostic {
  severity: Severity
  /** The corpus file, as given to the parser. */
  file: string
  /** 1-based line number in that file. */
  line: number
  message: string
}

/** A file with nothing but white space, whatever its format: a warning, not an error. */
export const EMPTY_FILE = 'empty file: no document read'

/** `corpus/a.txt:12: warning: …`, the form editors and terminals link to. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}: ${d.severity}: ${d.message}`
}

/** Collects diagnostics for one file. */
export class Diagnostics {
  readonly list: Diagnostic[] = []
  constructor(readonly file: string) {}

  warn(line: number, message: string): void {
    this.list.push({ severity: 'warning', file: this.file, line, message })
  }

  error(line: number, message: string): void {
    this.list.push({ severity: 'error', file: this.file, line, message })
  }
}

/** Diagnostics in file order, then line order (as a reader goes through the corpus). */
export function inFileOrder(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line))
}
