/**
 * pdfkit's standard fonts (Helvetica) encode text as WinAnsi (Windows-1252): Latin-1 plus
 * „“”‚‘’–—…€•™ and a few more. German is covered; anything else is replaced before it reaches
 * pdfkit: first by its base letter without accents (ő → o, ł stays unknown), otherwise by `?`.
 */

const EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'
const extra = new Set(Array.from(EXTRA, (ch) => ch.codePointAt(0)))

function encodable(cp: number): boolean {
  return (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || extra.has(cp)
}

/** Text that the standard PDF fonts can show; `fallback` for what they cannot. */
export function toWinAnsi(text: string, fallback = '?'): string {
  let out = ''
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0) ?? 0
    if (encodable(cp)) out += ch
    else if (ch === '\n' || ch === '\t') out += ' '
    else if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0)) continue
    else {
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '')
      out +=
        base.length > 0 && Array.from(base).every((c) => encodable(c.codePointAt(0) ?? 0))
          ? base
          : fallback
    }
  }
  return out
}
