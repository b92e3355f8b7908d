/**
 * Flat views of resource objects, for the tests that compare languages and text variants
 * (`i18n.test.ts`, `easy.test.ts`).
 */

/** `{ 'nav.login': 'Anmelden', … }` for a nested resource object. */
export function flatten(value: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, child] of Object.entries(value)) {
    if (typeof child === 'string') out.set(prefix + key, child)
    else for (const [k, v] of flatten(child, `${prefix}${key}.`)) out.set(k, v)
  }
  return out
}

/** The variables of a string, with their format: `{{count, number}}` → `count, number`. */
export function variables(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((m) => m[1] ?? '').sort()
}
