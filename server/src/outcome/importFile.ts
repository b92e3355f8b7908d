/**
 * Reads an uploaded workshop export — the open-data ZIP (its `ideenwand-export.json`) or that
 * JSON alone — and validates it strictly. Runs in the import worker (importWorker.ts), never on
 * the server's event loop. Every refusal is a {@link DomainError} with its own code: the ZIP's
 * (readZipEntry.ts), nesting deeper than {@link MAX_JSON_DEPTH} (`import_too_deep`, checked before
 * anything parses the text), and anything else that is not a valid export (`invalid_import`).
 */
import {
  IDEA_SOURCES,
  IDEA_STATUSES,
  MAX_CARRIED_TITLE,
  MAX_CLUSTER_TITLE,
  MAX_IDEA_TEXT,
  MAX_STATUS_REASON,
  MAX_TABLE_LABEL,
} from '@ideenwand/board'
import {
  EXPORT_FILE,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  LANGS,
  LICENCES,
  type MachineExport,
  OUTCOME_COLORS,
} from '@ideenwand/report'
import { z } from 'zod'
import { DomainError, DomainErrorCode } from '../DomainError.ts'
import { nestsDeeperThan } from './jsonDepth.ts'
import { readZipEntry } from './readZipEntry.ts'

/** Largest accepted upload (bytes); also the most an export inside a ZIP may unpack to. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024

/** Most entries a ZIP may list (an export has nine; room for what re-packing tools add). */
export const MAX_ZIP_ENTRIES = 1000

/**
 * Deepest nesting of objects and arrays in the export JSON. An export needs about a dozen levels
 * (a canvas record's rich text); the rest is headroom for nested lists in a text.
 */
export const MAX_JSON_DEPTH = 64

const Id = z.string().regex(/^[A-Za-z0-9_:-]{1,64}$/)
const Color = z.enum(OUTCOME_COLORS)

const Result = z.object({
  targetId: Id,
  label: z.string().max(MAX_IDEA_TEXT),
  dots: z.number().int().min(0),
  rank: z.number().int().min(1),
  tied: z.boolean(),
})

/** One option of a resistance round: sums only (`::passive` is the passive solution). */
const ResistanceResult = z.object({
  targetId: Id,
  label: z.string().max(MAX_IDEA_TEXT),
  passive: z.boolean(),
  raters: z.number().int().min(0),
  total: z.number().int().min(0),
  mean: z.number().min(0).max(10).nullable(),
  acceptance: z.number().min(0).max(10).nullable(),
  rank: z.number().int().min(1),
  tied: z.boolean(),
})

export const MachineExportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.string(),
  workshop: z.object({
    title: z.string().trim().min(1).max(200),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable(),
    place: z.string().max(200).nullable(),
    description: z.string().max(5000),
    language: z.enum(LANGS),
    publisher: z.string().max(200).nullable(),
    licence: z.enum(LICENCES),
  }),
  clusters: z
    .array(
      z.object({
        id: Id,
        title: z.string().max(MAX_CLUSTER_TITLE),
        order: z.number(),
        color: Color,
      }),
    )
    .max(1000),
  ideas: z
    .array(
      z.object({
        id: Id,
        text: z.string().max(MAX_IDEA_TEXT),
        clusterId: Id.nullable(),
        createdAt: z.number().finite(),
        color: Color,
        // Where it came from (issue 19 §2); absent in exports from before, and for `own`.
        source: z.enum(IDEA_SOURCES).optional(),
        table: z.string().trim().min(1).max(MAX_TABLE_LABEL).nullable().optional(),
        // Carried from another workshop (issue 20 §1); absent for every other idea.
        carriedFrom: z
          .object({
            workshopId: Id,
            ideaId: Id,
            title: z.string().max(MAX_CARRIED_TITLE),
            date: z
              .string()
              .regex(/^\d{4}-\d{2}-\d{2}$/)
              .nullable(),
            dots: z.number().int().min(0).nullable(),
            rank: z.number().int().min(0).nullable(),
            carriedAt: z.number().finite(),
          })
          .optional(),
      }),
    )
    .max(10_000),
  canvas: z.array(z.object({ id: z.string().min(1).max(200) }).passthrough()).max(50_000),
  tldrawSchema: z.unknown(),
  rounds: z
    .array(
      z.object({
        number: z.number().int().min(1),
        targetKind: z.enum(['idea', 'cluster']),
        targetIds: z.array(Id).max(10_000).nullable(),
        dotsPerPerson: z.number().int().min(1).max(100),
        maxPerTarget: z.number().int().min(1).max(100),
        voters: z.number().int().min(0),
        revealedAt: z.number().finite(),
        results: z.array(Result).max(10_000),
        method: z.enum(['dots', 'resistance']).optional(),
        resistance: z.array(ResistanceResult).max(100).optional(),
      }),
    )
    .max(200),
  // What became of the ideas (issue 20 §2); absent in exports from before. Checked against the
  // export's ideas in prepareImport.
  statusChanges: z
    .array(
      z.object({
        ideaId: Id,
        status: z.enum(IDEA_STATUSES),
        reason: z.string().max(MAX_STATUS_REASON).nullable(),
        mergedInto: Id.nullable(),
        changedAt: z.number().finite(),
      }),
    )
    .max(50_000)
    .optional(),
})

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]

function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b)
}

/** The export JSON text inside a ZIP. */
function exportFromZip(bytes: Uint8Array): string {
  const entry = readZipEntry(bytes, EXPORT_FILE, {
    maxEntries: MAX_ZIP_ENTRIES,
    maxBytes: MAX_IMPORT_BYTES,
  })
  if (!entry) throw new DomainError(DomainErrorCode.InvalidImport, `The ZIP has no ${EXPORT_FILE}`)
  return new TextDecoder('utf-8', { fatal: false }).decode(entry)
}

/**
 * Parses an upload (ZIP or JSON) into a validated export. With `maxIdeas`, an export with more
 * ideas is refused (413 `import_too_many_ideas`) before the schema walks them.
 */
export function parseImport(bytes: Uint8Array, maxIdeas = Number.POSITIVE_INFINITY): MachineExport {
  if (bytes.length === 0)
    throw new DomainError(DomainErrorCode.InvalidImport, 'The request has no body')
  const text = isZip(bytes)
    ? exportFromZip(bytes)
    : new TextDecoder('utf-8', { fatal: false }).decode(bytes)
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw new DomainError(
      DomainErrorCode.ImportTooDeep,
      `The export nests objects or lists more than ${MAX_JSON_DEPTH} levels deep`,
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new DomainError(
      DomainErrorCode.InvalidImport,
      'Expected an Ideenwand export: a ZIP or its ideenwand-export.json',
    )
  }
  const ideas = (json as { ideas?: unknown } | null)?.ideas
  if (Array.isArray(ideas) && ideas.length > maxIdeas) {
    throw new DomainError(
      DomainErrorCode.ImportTooManyIdeas,
      `The export has ${ideas.length} ideas; a board on this server holds at most ${maxIdeas} (BOARD_MAX_IDEAS)`,
    )
  }
  const parsed = MachineExportSchema.safeParse(json)
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || 'export'}: ${i.message}`)
      .join('; ')
    throw new DomainError(DomainErrorCode.InvalidImport, `Not a valid Ideenwand export: ${issues}`)
  }
  return parsed.data as MachineExport
}
