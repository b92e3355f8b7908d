/**
 * Reads an uploaded workshop export — the open-data ZIP (its `ideenwand-export.json`) or that
 * JSON alone — and validates it strictly. Anything else is a 400 with a message saying why.
 */
import { MAX_CLUSTER_TITLE, MAX_IDEA_TEXT } from '@ideenwand/board'
import {
  EXPORT_FILE,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  LANGS,
  LICENCES,
  type MachineExport,
  OUTCOME_COLORS,
} from '@ideenwand/report'
import { strFromU8, unzipSync } from 'fflate'
import { z } from 'zod'
import { ApiError } from '../http/errors.ts'

/** Largest accepted upload (bytes); also the most an export inside a ZIP may unpack to. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024

const Id = z.string().regex(/^[A-Za-z0-9_:-]{1,64}$/)
const Color = z.enum(OUTCOME_COLORS)

const Result = z.object({
  targetId: Id,
  label: z.string().max(MAX_IDEA_TEXT),
  dots: z.number().int().min(0),
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
      }),
    )
    .max(200),
})

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]

function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b)
}

/** The export JSON text inside a ZIP; refuses entries that would unpack too large. */
function exportFromZip(bytes: Uint8Array): string {
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (file.name !== EXPORT_FILE) return false
        if (file.originalSize > MAX_IMPORT_BYTES) {
          throw new ApiError(
            413,
            'body_too_large',
            `${EXPORT_FILE} unpacks to more than ${MAX_IMPORT_BYTES} bytes`,
          )
        }
        return true
      },
    })
  } catch (err) {
    if (err instanceof ApiError) throw err
    throw new ApiError(400, 'invalid_import', 'The file is not a readable ZIP archive')
  }
  const entry = files[EXPORT_FILE]
  if (!entry) throw new ApiError(400, 'invalid_import', `The ZIP has no ${EXPORT_FILE}`)
  if (entry.length > MAX_IMPORT_BYTES)
    throw new ApiError(413, 'body_too_large', `${EXPORT_FILE} is too large`)
  return strFromU8(entry)
}

/** Parses an upload (ZIP or JSON) into a validated export. */
export function parseImport(bytes: Uint8Array): MachineExport {
  if (bytes.length === 0) throw new ApiError(400, 'invalid_import', 'The request has no body')
  const text = isZip(bytes)
    ? exportFromZip(bytes)
    : new TextDecoder('utf-8', { fatal: false }).decode(bytes)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new ApiError(
      400,
      'invalid_import',
      'Expected an Ideenwand export: a ZIP or its ideenwand-export.json',
    )
  }
  const parsed = MachineExportSchema.safeParse(json)
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || 'export'}: ${i.message}`)
      .join('; ')
    throw new ApiError(400, 'invalid_import', `Not a valid Ideenwand export: ${issues}`)
  }
  return parsed.data as MachineExport
}
