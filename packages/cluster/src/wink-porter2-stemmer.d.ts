/** Types for `wink-porter2-stemmer` 2.0.1, which ships none: one CommonJS function export. */
declare module 'wink-porter2-stemmer' {
  /** Porter2 (Snowball English) stem of a lower-cased word. */
  export default function stem(word: string): string
}
