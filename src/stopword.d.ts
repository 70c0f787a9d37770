/** The types of `stopword`, which ships none: the one list Folio reads. */
declare module 'stopword' {
  /** English stop words, lower case. */
  export const eng: readonly string[]
}
