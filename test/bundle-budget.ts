/**
 * Bundle budget: the phone route's JavaScript — everything a phone downloads to open `/m/…`:
 * the entry chunk, its static imports, and the phone view's lazy chunk with its imports — must
 * stay within 100 KB gzip. Reads Vite's manifest of the client build; prints the figure; exits
 * non-zero when the budget is exceeded or the phone route is missing.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const BUDGET_BYTES = 100 * 1024
const dist = fileURLToPath(new URL('../client/dist/', import.meta.url))

interface Chunk {
  file: string
  src?: string
  isEntry?: boolean
  isDynamicEntry?: boolean
  imports?: string[]
}

const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<
  string,
  Chunk
>

function closure(keys: string[], seen = new Set<string>()): Set<string> {
  for (const key of keys) {
    if (seen.has(key)) continue
    seen.add(key)
    closure(manifest[key]?.imports ?? [], seen)
  }
  return seen
}

const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry)
const phone = Object.keys(manifest).find(
  (k) => manifest[k]?.isDynamicEntry && /views\/phone\//.test(manifest[k]?.src ?? k),
)
if (!entry || !phone) {
  console.error(`bundle budget: entry or phone route not found in the manifest (entry=${entry}, phone=${phone})`)
  process.exit(1)
}

let total = 0
const rows: [string, number][] = []
for (const key of closure([entry, phone])) {
  const file = manifest[key]?.file
  if (!file?.endsWith('.js')) continue
  const gz = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length
  total += gz
  rows.push([file, gz])
}
rows.sort((a, b) => b[1] - a[1])
for (const [file, gz] of rows) console.log(`  ${(gz / 1024).toFixed(1).padStart(7)} KB  ${file}`)
const verdict = total <= BUDGET_BYTES ? 'within' : 'OVER'
console.log(
  `bundle budget: phone route ${(total / 1024).toFixed(1)} KB gzip of ${BUDGET_BYTES / 1024} KB — ${verdict}`,
)
if (total > BUDGET_BYTES) process.exit(1)
