/**
 * Annotations read from plain text, for documents whose source has no markup
 * (page text): `See Document 34` refers to document 34 of the same volume.
 */
import type { Annotation, Document } from '../src/model'

const DOCUMENT_REFERENCE = /\bDocuments?\s+(\d+)\b/g

/** The document with its references to other documents of its volume marked, when its volume is known. */
export function annotateReferences(document: Document): Document {
  const { volume } = document
  if (!volume) return document
  return {
    ...document,
    units: document.units.map((unit) => {
      const refs: Annotation[] = [...unit.text.matchAll(DOCUMENT_REFERENCE)].map((m) => ({
        type: 'ref', target: `${volume}-d${m[1]}`, start: m.index, end: m.index + m[0].length,
      }))
      if (refs.length === 0) return unit
      return { ...unit, annotations: [...(unit.annotations ?? []), ...refs].sort((a, b) => a.start - b.start || a.end - b.end) }
    }),
  }
}
