/**
 * Bundle budget: the JavaScript of the QR path — a phone opening the handout's link
 * (`/join/:code`), joining and sending ideas on `/m/…` — must stay within 100 KB gzip. Both pages
 * are `phone.html` of the phone build (vite.phone.config.ts; joining moves to the phone view
 * without a page load), so this counts its entry with all its imports, static and dynamic, plus
 * the classic scripts `phone.html` loads (`zod-jitless.js`). Reads the build's manifest; prints
 * the figure; exits non-zero when the budget is exceeded or the phone entry is missing. The
 * bytes on the wire from a production server, and the time on a slow 3G line, are measured
 * through the real link by the e2e test `e2e/qrPath-issue16.spec.ts`.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const BUDGET_BYTES = 100 * 1024
const dist = process.env.CLIENT_DIR
  ? `${process.env.CLIENT_DIR.replace(/\/$/, '')}/`
  : fileURLToPath(new URL('../client/dist/', import.meta.url))

interface Chunk {
  file: string
  src?: string
  isEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
}

const manifest = JSON.parse(readFileSync(join(dist, 'phone-manifest.json'), 'utf8')) as Record<
  string,
  Chunk
>

function closure(keys: string[], seen = new Set<string>()): Set<string> {
  for (const key of keys) {
    if (seen.has(key)) continue
    seen.add(key)
    closure([...(manifest[key]?.imports ?? []), ...(manifest[key]?.dynamicImports ?? [])], seen)
  }
  return seen
}

const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry && k.endsWith('phone.html'))
if (!entry) {
  console.error('bundle budget: phone.html entry not found in dist/phone-manifest.json')
  process.exit(1)
}

let total = 0
const rows: [string, number][] = []
for (const key of closure([entry])) {
  const file = manifest[key]?.file
  if (!file?.endsWith('.js')) continue
  const gz = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length
  total += gz
  rows.push([file, gz])
}
// Classic scripts of the page itself (not in the manifest).
const html = readFileSync(join(dist, 'phone.html'), 'utf8')
for (const [, src] of html.matchAll(/<script(?![^>]*type="module")[^>]*\ssrc="\/([^"]+)"/g)) {
  if (!src) continue
  const gz = gzipSync(readFileSync(join(dist, src)), { level: 9 }).length
  total += gz
  rows.push([src, gz])
}
rows.sort((a, b) => b[1] - a[1])
for (const [file, gz] of rows) console.log(`  ${(gz / 1024).toFixed(1).padStart(7)} KB  ${file}`)
const verdict = total <= BUDGET_BYTES ? 'within' : 'OVER'
console.log(
  `bundle budget: QR path (join + phone view) ${(total / 1024).toFixed(1)} KB gzip of ${BUDGET_BYTES / 1024} KB — ${verdict}`,
)
if (total > BUDGET_BYTES) process.exit(1)
