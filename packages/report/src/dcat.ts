/**
 * DCAT-AP.de metadata of the data package as JSON-LD (GovData conventions): a `dcat:Dataset`
 * with title, description, publisher, dates, keywords, licence and one `dcat:Distribution` per
 * CSV with access/download URL, licence and format from the dcat-ap.de and EU vocabularies.
 */
import { isoSeconds, LICENCE_INFO } from './format.ts'
import type { Licence, Outcome } from './types.ts'

export const DCAT_CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  dcatde: 'http://dcat-ap.de/def/dcatde/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  adms: 'http://www.w3.org/ns/adms#',
} as const

export const CSV_FORMAT_URI = 'http://publications.europa.eu/resource/authority/file-type/CSV'
export const CSV_MEDIA_TYPE_URI = 'https://www.iana.org/assignments/media-types/text/csv'

export interface DcatOptions {
  licence?: Licence
  /** Where the files will be published: `<baseUrl>/ideas.csv` etc. (a trailing slash is added). */
  baseUrl: string
  /** Landing or access page of the dataset; default `baseUrl`. */
  accessUrl?: string
  /**
   * `dcatde:contributorID` from the controlled list of the publishing portal (e.g.
   * `http://dcat-ap.de/def/contributors/<portal>`); without it the property is left out (a portal
   * adds it when harvesting) instead of a placeholder that would be published as it is.
   */
  contributorId?: string
  /** Default: the workshop's publisher, or the place. */
  publisher?: string
  issued?: number
  modified?: number
  /**
   * The published version (issue 20 §5): `owl:versionInfo` and `adms:versionNotes`; `issued`
   * and `modified` default to the first and this version's times when it is given.
   */
  version?: { number: number; issued: number; modified: number; notes: string }
  /**
   * Datasets this one is derived from (`dct:source`): the published open data of the workshops
   * its carried ideas came from (issue 20 §1).
   */
  sources?: string[]
}

const FILES = [
  { file: 'ideas.csv', title: { de: 'Ideen', en: 'Ideas' } },
  { file: 'clusters.csv', title: { de: 'Cluster', en: 'Clusters' } },
  { file: 'votes.csv', title: { de: 'Abstimmungsergebnisse', en: 'Voting results' } },
  {
    file: 'resistance.csv',
    title: {
      de: 'Widerstandsabfragen (Systemisches Konsensieren)',
      en: 'Resistance rounds (Systemic Consensing)',
    },
  },
  {
    file: 'status_changes.csv',
    title: { de: 'Was aus den Ideen wurde (Verlauf)', en: 'What became of the ideas (history)' },
  },
  {
    file: 'changelog.csv',
    title: {
      de: 'Änderungen von Version zu Version',
      en: 'Changes from version to version',
    },
  },
] as const

/** What the DCAT file says about a workshop: an {@link Outcome} or a published version's texts. */
export interface DcatSubject {
  generatedAt: number
  workshop: Pick<
    Outcome['workshop'],
    'title' | 'description' | 'language' | 'licence' | 'publisher' | 'place' | 'date'
  >
}

export function toDcatApDe(outcome: DcatSubject, options: DcatOptions): Record<string, unknown> {
  const w = outcome.workshop
  const lang = w.language
  const licence = { '@id': LICENCE_INFO[options.licence ?? w.licence].dcatUri }
  const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`
  const literal = (value: string) => ({ '@value': value, '@language': lang })
  const dateTime = (ms: number) => ({ '@value': isoSeconds(ms), '@type': 'xsd:dateTime' })
  const publisher = options.publisher ?? w.publisher ?? w.place ?? 'Ideenwand'
  const description =
    w.description.trim() ||
    (lang === 'de'
      ? `Ergebnisse des Workshops „${w.title}“: Ideen mit der Zahl ihrer Unterstützungen, ihrer Herkunft (eigenes Gerät, Tischgerät, von Papier übertragen) und ihrem Stand, Cluster, Abstimmungsergebnisse und der Verlauf, was aus den Ideen wurde.`
      : `Outcome of the workshop "${w.title}": ideas with their number of supports, their source (own device, table device, typed in from paper) and their status, clusters, voting results and the history of what became of the ideas.`)
  return {
    '@context': DCAT_CONTEXT,
    '@id': `${base}#dataset`,
    '@type': 'dcat:Dataset',
    'dct:title': literal(w.title),
    'dct:description': literal(description),
    'dct:publisher': { '@type': 'foaf:Organization', 'foaf:name': publisher },
    'dct:issued': dateTime(options.issued ?? options.version?.issued ?? outcome.generatedAt),
    'dct:modified': dateTime(options.modified ?? options.version?.modified ?? outcome.generatedAt),
    ...(options.version
      ? {
          'owl:versionInfo': String(options.version.number),
          'adms:versionNotes': literal(options.version.notes),
        }
      : {}),
    'dct:language': {
      '@id': `http://publications.europa.eu/resource/authority/language/${lang === 'de' ? 'DEU' : 'ENG'}`,
    },
    'dcat:keyword': [
      'Ideenwand',
      'Bürgerbeteiligung',
      'Workshop',
      ...(w.place ? [w.place] : []),
    ].map(literal),
    ...(w.date
      ? {
          'dct:temporal': {
            '@type': 'dct:PeriodOfTime',
            'dcat:startDate': { '@value': w.date, '@type': 'xsd:date' },
          },
        }
      : {}),
    'dct:license': licence,
    ...(options.sources?.length
      ? { 'dct:source': options.sources.map((id) => ({ '@id': id })) }
      : {}),
    ...(options.contributorId ? { 'dcatde:contributorID': { '@id': options.contributorId } } : {}),
    'dcat:landingPage': { '@id': options.accessUrl ?? base },
    'dcat:distribution': FILES.map((f) => ({
      '@id': `${base}${f.file}#distribution`,
      '@type': 'dcat:Distribution',
      'dct:title': literal(f.title[lang]),
      'dcat:accessURL': { '@id': options.accessUrl ?? base },
      'dcat:downloadURL': { '@id': `${base}${f.file}` },
      'dct:format': { '@id': CSV_FORMAT_URI },
      'dcat:mediaType': { '@id': CSV_MEDIA_TYPE_URI },
      'dct:license': licence,
      'dct:conformsTo': { '@id': `${base}datapackage.json` },
    })),
  }
}
