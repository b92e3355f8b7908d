/** Escaping for the text formats: XML/HTML text and attributes, and Markdown inline text. */

const XML: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Characters XML 1.0 does not allow at all (C0 controls other than tab, LF, CR; lone surrogates). */
const INVALID_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** Text or attribute value for HTML and SVG. */
export function escapeXml(text: string): string {
  return text.replace(INVALID_XML, '\ufffd').replace(/[&<>"']/g, (ch) => XML[ch] ?? ch)
}

/**
 * Inline Markdown: escapes Markdown syntax and `<`/`&` (so raw HTML in an idea never renders) and
 * turns line breaks into spaces-and-slash, keeping one list item on one line.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(INVALID_XML, '\ufffd')
    .replace(/\r\n?|\n/g, ' / ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1')
    .replace(/^(\s*)([#>+=-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2')
}
