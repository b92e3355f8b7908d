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
import { buildOutcome } from './buildOutcome.ts'
import { changesBetween } from './changelog.ts'
import {
  type ChangelogEntry,
  type PackageVersion,
  packageSnapshot,
  renderDataPackage,
  toDataPackage,
} from './dataPackage.ts'
import {
  FIXTURE_HIDDEN_TEXT,
  FIXTURE_PENDING_TEXT,
  fixtureOutcome,
  fixtureSource,
} from './fixture.ts'

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
      'changelog',
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

describe('versions of the data package (issue 20 §5)', () => {
  const source = fixtureSource()
  const first = packageSnapshot(buildOutcome(source))
  // A week later: one status more, one idea added, one removed, a cluster renamed.
  const later = fixtureSource()
  later.statusChanges = [
    ...(later.statusChanges ?? []),
    {
      ideaId: 'i-script',
      status: 'forwarded',
      reason: 'An das Ordnungsamt',
      mergedInto: null,
      changedAt: source.now + 7 * 86_400_000,
    },
  ]
  later.ideas = [
    ...later.ideas.filter((i) => i.id !== 'i-tempo'),
    { ...later.ideas[0]!, id: 'i-neu', text: 'Trinkbrunnen am Markt', clusterId: null },
  ]
  later.clusters = later.clusters.map((c, i) => (i === 0 ? { ...c, title: `${c.title} (neu)` } : c))
  const second = packageSnapshot(buildOutcome(later))
  const status = (s: string) => `«${s}»`

  it('the changelog says what changed, row by row, and nothing else', () => {
    expect(changesBetween(null, first, 'de', status)).toEqual([
      { change: 'published', itemId: null, detail: 'Erste Version: 10 Ideen, 3 Cluster' },
    ])
    expect(changesBetween(first, first, 'de', status)).toEqual([])
    const changes = changesBetween(first, second, 'en', status)
    expect(changes.map((c) => [c.change, c.itemId])).toEqual([
      // In the order of ideas.csv (oldest first; the new one copies the first's time).
      ['idea_added', 'i-neu'],
      ['status_changed', 'i-script'],
      ['idea_removed', 'i-tempo'],
      ['cluster_changed', first.rows.clusters[0]?.[0]],
    ])
    expect(changes[1]?.detail).toMatch(/^Status changed from «open» to «forwarded»: /)
    expect(changes[0]?.detail).toBe('Idea added: Trinkbrunnen am Markt')
  })

  it('many changes of one kind are summed up in one entry', () => {
    const many = fixtureSource()
    many.ideas = [
      ...many.ideas,
      ...Array.from({ length: 60 }, (_, i) => ({
        ...many.ideas[0]!,
        id: `n${i}`,
        text: `Neu ${i}`,
      })),
    ]
    const changes = changesBetween(first, packageSnapshot(buildOutcome(many)), 'de', status)
    expect(changes).toEqual([
      { change: 'idea_added', itemId: null, detail: '60 Ideen hinzugefügt' },
    ])
  })

  it('version 2 validates, and the reference library reads its changelog and its rows', async () => {
    const created = source.now + 7 * 86_400_000
    const entries = (
      version: number,
      modified: number,
      changes: ReturnType<typeof changesBetween>,
    ) => changes.map((c): ChangelogEntry => ({ ...c, version, modified }))
    const version: PackageVersion = {
      number: 2,
      created,
      changelog: [
        ...entries(1, source.now, changesBetween(null, first, 'de', status)),
        ...entries(2, created, changesBetween(first, second, 'de', status)),
      ],
    }
    const files = renderDataPackage(second, {}, { created: 0, version })
    const descriptor = JSON.parse(files['datapackage.json'])
    expect(validatePackage(descriptor), JSON.stringify(validatePackage.errors)).toBe(true)
    expect(validateDataPackage(descriptor), JSON.stringify(validateDataPackage.errors)).toBe(true)
    expect(descriptor.version).toBe('2')
    expect(descriptor.created).toBe(new Date(created).toISOString().replace(/\.\d{3}Z$/, 'Z'))
    // The same snapshot and version give the same bytes (stable download URLs).
    expect(renderDataPackage(second, {}, { created: 1, version })).toEqual(files)

    const pkg = await Package.load(
      join(write(files as unknown as Record<string, string>), 'datapackage.json'),
    )
    expect(pkg.errors.map((e) => e.message)).toEqual([])
    const log = await pkg.resources.find((r) => r.name === 'changelog')?.read({ keyed: true })
    expect(log?.map((e) => [e.entry, e.version, e.change, e.item_id])).toEqual([
      [1, 1, 'published', null],
      [2, 2, 'idea_added', 'i-neu'],
      [3, 2, 'status_changed', 'i-script'],
      [4, 2, 'idea_removed', 'i-tempo'],
      [5, 2, 'cluster_changed', first.rows.clusters[0]?.[0]],
    ])
    expect(log?.[1]?.modified).toEqual(new Date(Math.floor(created / 1000) * 1000))
    const ideas = await pkg.resources
      .find((r) => r.name === 'ideas')
      ?.read({ keyed: true, relations: true })
    expect(ideas?.find((i) => i.id === 'i-script')).toMatchObject({
      status: 'forwarded',
      status_reason: 'An das Ordnungsamt',
    })
    expect(ideas?.some((i) => i.id === 'i-tempo')).toBe(false)
  })

  it('a version stored before a column was added still renders, the new column empty', () => {
    const old = structuredClone(first)
    const at = old.columns.ideas.indexOf('supports')
    old.columns.ideas.splice(at, 1)
    old.rows.ideas = old.rows.ideas.map((r) => r.filter((_, i) => i !== at))
    const files = renderDataPackage(old, {}, { created: 0 })
    const [header, row] = files['ideas.csv'].split('\r\n')
    expect(header?.split(',')).toContain('supports')
    expect(row?.split(',').length).toBe(header?.split(',').length)
  })
})
