/**
 * `similarity`: the cosine similarity that the clustering uses, for two texts on their own
 * (the two texts are the TF-IDF corpus). Handy for "similar idea already posted" hints.
 */
import { chooseLanguage, type LanguageOption, prepare, stemPrepared } from './tokenize'
import { buildTfIdf, dot } from './vectors'

const NO_WORDS: ReadonlySet<string> = new Set()

/**
 * Cosine similarity in [0, 1] of two texts after normalising, stop-word removal and stemming.
 * @example similarity('Mehr Radwege nach Wiesenburg', 'Radweg Wiesenburg ausbauen') // ≈ 0.71
 */
export function similarity(a: string, b: string, language: LanguageOption = 'auto'): number {
  const pa = prepare(a, NO_WORDS)
  const pb = prepare(b, NO_WORDS)
  const fallback = pa.score + pb.score < 0 ? 'en' : 'de'
  const docs = [pa, pb].map((p) =>
    stemPrepared(p, chooseLanguage(p.score, language, fallback)).map((t) => t.term),
  )
  const { vectors } = buildTfIdf(docs, { splitCompounds: true, minDocumentFrequency: 1 })
  const [va, vb] = vectors
  return va && vb ? Math.min(1, Math.max(0, dot(va, vb))) : 0
}
