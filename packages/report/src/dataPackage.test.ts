/**
 * The data package against the Frictionless specs: the descriptor validates with the official
 * JSON Schema profiles (Tabular Data Package, Table Schema, shipped by `datapackage` and
 * `tableschema`) under Ajv; the reference library `datapackage` then loads it, reads every CSV
 * casting each value to its declared type and checks the foreign keys.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Ajv from 'ajv-draft-04'
import addFormats from 'ajv-formats'
import { Package } from 'datapackage'
import { afterAll, describe, expect, it } from 'vitest'
import { toDataPackage } from './dataPackage.ts'
import { FIXTURE_HIDDEN_TEXT, FIXTURE_PENDING_TEXT, fixtureOutcome } from './fixture.ts'

const require = createRequire(import.meta.url)
const profile = (path: string) => JSON.parse(readFileSync(require.resolve(path), 'utf8'))

const ajv = new Ajv({ strict: false, allErrors: true })
addFormats(ajv)
// The profiles use 'textarea' as a UI hint for multi-line text, not a validation format.
ajv.addFormat('textarea', true)
const validatePackage = ajv.compile(profile('datapackage/lib/profiles/tabular-data-package.json'))
const validateDataPackage = ajv.compile(profile('datapackage/lib/profiles/data-package.json'))
const validateTableSchema = ajv.compile(profile('tableschema/lib/profiles/table-schema.json'))

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

function write(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ideenwand-dp-'))
  dirs.push(dir)
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

/** Minimal RFC 4180 reader for the header row. */
function headerOf(csv: string): string[] {
  return (csv.replace(/^\ufeff/, '').split('\r\n')[0] ?? '').split(',')
}

describe('data package', () => {
  const files = toDataPackage(fixtureOutcome())
  const descriptor = JSON.parse(files['datapackage.json'])

  it('validates against the Tabular Data Package and Data Package profiles', () => {
    expect(validatePackage(descriptor), JSON.stringify(validatePackage.errors)).toBe(true)
    expect(validateDataPackage(descriptor), JSON.stringify(validateDataPackage.errors)).toBe(true)
    expect(descriptor).toMatchObject({
      name: 'ideenwand-themenlabor-freizeit-2026-09-22',
      title: 'Themenlabor Freizeit (2026-09-22)',
      licenses: [{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/' }],
    })
  })

  it('each resource has a valid Table Schema whose fields match the CSV header', () => {
    expect(descriptor.resources.map((r: { name: string }) => r.name)).toEqual([
      'ideas',
      'clusters',
      'votes',
      'resistance',
      'status_changes',
    ])
    for (const r of descriptor.resources) {
      expect(validateTableSchema(r.schema), JSON.stringify(validateTableSchema.errors)).toBe(true)
      expect(r).toMatchObject({ format: 'csv', mediatype: 'text/csv', encoding: 'utf-8' })
      for (const f of r.schema.fields) expect(f.description, `${r.name}.${f.name}`).toBeTruthy()
      const csv = files[r.path as keyof typeof files]
      expect(headerOf(csv)).toEqual(r.schema.fields.map((f: { name: string }) => f.name))
    }
  })

  it('a broken descriptor fails the same validation (the check can fail)', () => {
    const broken = structuredClone(descriptor)
    broken.name = 'Kein gültiger Name!'
    broken.resources[0].schema.fields[0].type = 'text'
    expect(validatePackage(broken)).toBe(false)
    expect(validateTableSchema(broken.resources[0].schema)).toBe(false)
  })

  it('the reference library reads every row with its declared types and foreign keys', async () => {
    const dir = write(files as unknown as Record<string, string>)
    const pkg = await Package.load(join(dir, 'datapackage.json'))
    expect(pkg.errors.map((e) => e.message)).toEqual([])
    expect(pkg.valid).toBe(true)
    const rows = Object.fromEntries(
      await Promise.all(
        pkg.resources.map(
          async (r) => [r.name, await r.read({ keyed: true, relations: true })] as const,
        ),
      ),
    )
    expect(rows.ideas).toHaveLength(10)
    expect(rows.clusters).toHaveLength(3)
    expect(rows.votes).toHaveLength(6)
    const first = rows.ideas?.[0]
    expect(first?.created).toBeInstanceOf(Date)
    expect(rows.votes?.[0]).toEqual({
      round: 1,
      target_id: 'i-radweg',
      target_kind: 'idea',
      dots: 7,
      rank: 1,
      tied: false,
    })
    expect(rows.clusters?.map((c) => c.idea_count)).toEqual([3, 2, 0])
    // What became of the ideas (issue 20 §2): the current status per idea and the history,
    // without the hidden idea's changes and without naming it as a merge target.
    const bus = rows.ideas?.find((i) => i.id === 'i-bus')
    // (`relations: true` resolves the foreign key to the row it names.)
    expect(bus).toMatchObject({ status: 'merged', merged_into: { id: 'i-radweg' } })
    expect(bus?.status_changed).toBeInstanceOf(Date)
    expect(rows.ideas?.find((i) => i.id === 'i-script')).toMatchObject({
      status: 'open',
      status_changed: null,
    })
    expect(
      rows.status_changes?.map((c) => [c.change, (c.idea_id as { id: string }).id, c.status]),
    ).toEqual([
      [1, 'i-radweg', 'in_review'],
      [2, 'i-tempo', 'forwarded'],
      [3, 'i-radweg', 'implemented'],
      [4, 'i-skate', 'not_implemented'],
      [5, 'i-bus', 'merged'],
      [6, 'i-emoji', 'merged'],
    ])
    expect(rows.status_changes?.[5]?.merged_into).toBeNull()
  })

  it('a value that does not parse as its type is caught by the reader', async () => {
    const bad = {
      ...files,
      'votes.csv': files['votes.csv'].replace('i-radweg,idea,7', 'i-radweg,idea,sieben'),
    }
    const pkg = await Package.load(
      join(write(bad as unknown as Record<string, string>), 'datapackage.json'),
    )
    const votes = pkg.resources.find((r) => r.name === 'votes')
    await expect(votes?.read({ keyed: true })).rejects.toThrow()
  })

  it('has no personal data and no hidden or pending ideas', () => {
    const all = Object.values(files).join('\n')
    for (const name of ['Aylin', 'Jonas', 'Mia', 'Moderatorin']) expect(all).not.toContain(name)
    expect(all).not.toContain(FIXTURE_HIDDEN_TEXT)
    expect(all).not.toContain(FIXTURE_PENDING_TEXT)
    expect(all).not.toContain('i-hidden')
  })

  it('has the resistance rounds as sums per option, the passive solution named, ties kept', () => {
    expect(files['resistance.csv'].split('\r\n')).toEqual([
      'round,option_id,option_kind,title,raters,total,mean,acceptance,rank,tied',
      '2,i-radweg,idea,Radweg Bad Belzig – Wiesenburg durchgehend ausbauen,5,8,1.6,8.4,1,false',
      '2,::passive,passive,"Passivlösung: alles bleibt, wie es ist",5,30,6,4,3,true',
      "2,i-formula,idea,'=1+1 kostenloses WLAN im Park,5,30,6,4,3,true",
      '',
    ])
    // A dot round's rows stay in votes.csv, a resistance round's only here.
    expect(files['votes.csv']).not.toContain('::passive')
  })

  it('carries the licence asked for', () => {
    const dl = JSON.parse(toDataPackage(fixtureOutcome(), 'dl-by-de-2.0')['datapackage.json'])
    expect(dl.licenses).toEqual([
      {
        name: 'dl-de-by-2.0',
        path: 'https://www.govdata.de/dl-de/by-2-0',
        title: 'Datenlizenz Deutschland – Namensnennung – Version 2.0',
      },
    ])
  })
})
