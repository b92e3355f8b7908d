import { describe, expect, it } from 'vitest'
import { CSV_FORMAT_URI, toDcatApDe } from './dcat.ts'
import { fixtureOutcome } from './fixture.ts'

const DCAT_AP_DE_LICENCES = [
  'http://dcat-ap.de/def/licenses/cc-by/4.0',
  'http://dcat-ap.de/def/licenses/dl-by-de/2.0',
]

/** The properties DCAT-AP.de (GovData) requires, checked on the JSON-LD as written. */
function missingRequired(ld: Record<string, unknown>): string[] {
  const missing: string[] = []
  const has = (o: unknown, key: string) =>
    typeof o === 'object' && o !== null && (o as Record<string, unknown>)[key] !== undefined
  if (ld['@type'] !== 'dcat:Dataset') missing.push('@type')
  for (const k of ['dct:title', 'dct:description', 'dct:publisher'])
    if (!has(ld, k)) missing.push(k)
  if (!has(ld['dct:publisher'], 'foaf:name')) missing.push('dct:publisher/foaf:name')
  const dists = ld['dcat:distribution']
  if (!Array.isArray(dists) || dists.length === 0) missing.push('dcat:distribution')
  for (const d of Array.isArray(dists) ? dists : []) {
    if (!has(d, 'dcat:accessURL')) missing.push('distribution/dcat:accessURL')
    const licence = (d as Record<string, { '@id'?: string }>)['dct:license']?.['@id']
    if (!licence || !DCAT_AP_DE_LICENCES.includes(licence)) missing.push('distribution/dct:license')
    if ((d as Record<string, { '@id'?: string }>)['dct:format']?.['@id'] !== CSV_FORMAT_URI)
      missing.push('distribution/dct:format')
  }
  return missing
}

describe('DCAT-AP.de JSON-LD', () => {
  const ld = toDcatApDe(fixtureOutcome(), { baseUrl: 'https://opendata.example/themenlabor' })

  it('has the required dataset and distribution properties', () => {
    expect(missingRequired(ld)).toEqual([])
    expect(ld['dct:title']).toEqual({ '@value': 'Themenlabor Freizeit', '@language': 'de' })
    expect(ld['dct:publisher']).toEqual({
      '@type': 'foaf:Organization',
      'foaf:name': 'Stadt Bad Belzig',
    })
    expect(ld['dct:license']).toEqual({ '@id': 'http://dcat-ap.de/def/licenses/cc-by/4.0' })
    // No placeholder that would be published as it is: without a contributor id, none.
    expect(ld).not.toHaveProperty('dcatde:contributorID')
    expect(JSON.stringify(ld)).not.toMatch(/REPLACE|placeholder/i)
  })

  it('has one CSV distribution per file with download URL and media type', () => {
    const dists = ld['dcat:distribution'] as Record<string, { '@id': string }>[]
    expect(dists.map((d) => d['dcat:downloadURL']?.['@id'])).toEqual([
      'https://opendata.example/themenlabor/ideas.csv',
      'https://opendata.example/themenlabor/clusters.csv',
      'https://opendata.example/themenlabor/votes.csv',
      'https://opendata.example/themenlabor/resistance.csv',
      'https://opendata.example/themenlabor/status_changes.csv',
      'https://opendata.example/themenlabor/changelog.csv',
    ])
    for (const d of dists)
      expect(d['dcat:mediaType']?.['@id']).toBe(
        'https://www.iana.org/assignments/media-types/text/csv',
      )
  })

  it('uses the Datenlizenz Deutschland URI and a given contributor id', () => {
    const dl = toDcatApDe(fixtureOutcome(), {
      baseUrl: 'https://x.example/',
      licence: 'dl-by-de-2.0',
      contributorId: 'http://dcat-ap.de/def/contributors/brandenburg',
    })
    expect(missingRequired(dl)).toEqual([])
    expect(dl['dct:license']).toEqual({ '@id': 'http://dcat-ap.de/def/licenses/dl-by-de/2.0' })
    expect(dl['dcatde:contributorID']).toEqual({
      '@id': 'http://dcat-ap.de/def/contributors/brandenburg',
    })
  })

  it('the check notices a missing publisher (it can fail)', () => {
    const { 'dct:publisher': _p, ...without } = ld
    expect(missingRequired(without)).toContain('dct:publisher')
  })
})
