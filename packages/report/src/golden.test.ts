/**
 * Golden files for every text format, on the fixture workshop with fixed times.
 * Update after an intended change: `UPDATE_GOLDEN=1 pnpm vitest run packages/report`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { boardSvg } from './boardSvg.ts'
import { toDataPackage } from './dataPackage.ts'
import { toDcatApDe } from './dcat.ts'
import { fixtureOutcome } from './fixture.ts'
import { toHtml } from './html.ts'
import { toMachineExport } from './machineExport.ts'
import { toMarkdown } from './markdown.ts'

const UPDATE = process.env.UPDATE_GOLDEN === '1'

function golden(name: string, actual: string): void {
  // `.golden` so the formatter leaves the expected bytes alone.
  const file = new URL(`./__golden__/${name}.golden`, import.meta.url)
  if (UPDATE) writeFileSync(file, actual)
  if (!existsSync(file)) throw new Error(`golden file ${name} is missing; run with UPDATE_GOLDEN=1`)
  expect(actual).toBe(readFileSync(file, 'utf8'))
}

describe('golden files (fixture workshop)', () => {
  const outcome = fixtureOutcome()
  it('Markdown, German and English', () => {
    golden('report.de.md', toMarkdown(outcome, 'de'))
    golden('report.en.md', toMarkdown(outcome, 'en', { boardImage: 'board.svg' }))
  })
  it('HTML, German and English', () => {
    golden('report.de.html', toHtml(outcome, 'de'))
    golden('report.en.html', toHtml(outcome, 'en'))
  })
  it('board picture', () => {
    golden('board.svg', boardSvg(outcome, 'de'))
    golden('board-grid.svg', boardSvg(fixtureOutcome({ canvas: [] }), 'de'))
  })
  it('data package, CSVs, DCAT-AP.de and the machine export', () => {
    const files = toDataPackage(outcome)
    for (const [name, text] of Object.entries(files)) golden(name, text)
    golden(
      'dcat-ap-de.jsonld',
      `${JSON.stringify(toDcatApDe(outcome, { baseUrl: 'https://opendata.bad-belzig.de/ideenwand/themenlabor' }), null, 2)}\n`,
    )
    golden('ideenwand-export.json', `${JSON.stringify(toMachineExport(outcome), null, 2)}\n`)
  })
})
