/**
 * The shape of a page in Leichte Sprache (Easy Read): sections of short lines, each group of
 * lines paired with a pictogram, hard words explained in a box, and links. `EasyReadPage.tsx`
 * renders it; `de.ts` and `en.ts` hold the text.
 */

export type PictureName =
  | 'phone'
  | 'qr'
  | 'idea'
  | 'dots'
  | 'clock'
  | 'hand'
  | 'home'
  | 'group'
  | 'lock'
  | 'code'
  | 'switch'

export type EasyBlock =
  /** One thought: a pictogram and its lines, one statement each. */
  | { readonly kind: 'step'; readonly picture: PictureName; readonly lines: readonly string[] }
  /** A hard word and what it means. */
  | { readonly kind: 'word'; readonly word: string; readonly lines: readonly string[] }
  | { readonly kind: 'link'; readonly href: string; readonly text: string }

export interface EasySection {
  readonly heading: string
  readonly blocks: readonly EasyBlock[]
}

export interface EasyPage {
  readonly title: string
  readonly intro: readonly string[]
  readonly sections: readonly EasySection[]
}

export interface EasyTexts {
  /** "Hard word:" before the word in an explanation box. */
  readonly wordLabel: string
  readonly start: EasyPage
  readonly how: EasyPage
}
