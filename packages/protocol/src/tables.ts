/**
 * A table's shared device (issue 19 §2): a laptop or tablet at a table of the room that a
 * facilitator marks as "Tisch 3, 5 Personen". It adds ideas on behalf of the table (never under a
 * personal name) and votes with as many dots as the table has people. Facilitators create it and
 * hand the browser a one-time link; the server makes that browser a guest of the table's kind.
 */
import { IDEA_SOURCES, MAX_TABLE_LABEL } from '@ideenwand/board'
import { z } from 'zod'

export { MAX_TABLE_LABEL }
/** Most people one table device stands for. */
export const MAX_TABLE_PEOPLE = 30

/** Where an idea came from: a person's own device, a table's device, or paper. */
export const IdeaSource = z.enum(IDEA_SOURCES)
export type IdeaSource = z.infer<typeof IdeaSource>

export const TableLabel = z.string().trim().min(1).max(MAX_TABLE_LABEL)
export const TablePeople = z.number().int().min(1).max(MAX_TABLE_PEOPLE)

/** What a table device is, as the control state tells the device itself. */
export const TableInfo = z.object({ label: z.string(), people: z.number() })
export type TableInfo = z.infer<typeof TableInfo>

/** A facilitator creates a table device (`POST /api/workshops/{id}/tables`). */
export const TableDeviceInput = z.strictObject({ label: TableLabel, people: TablePeople })
/** A facilitator renames or re-counts a table device (`PATCH …/tables/{tableId}`). */
export const TableDevicePatch = TableDeviceInput.partial()

/** A table device as facilitators list it. */
export const TableDevice = z.object({
  id: z.string(),
  label: z.string(),
  people: z.number(),
  /** `active`: in use or waiting for its link; `ended`: the facilitator ended it. */
  status: z.enum(['active', 'ended']),
  /** A one-time link is open (not used yet). */
  linkOpen: z.boolean(),
  createdAt: z.string(),
})
export type TableDevice = z.infer<typeof TableDevice>

export const TableDeviceList = z.array(TableDevice)

/** A new one-time link for a table device: shown once, as a link and its QR code (SVG). */
export const TableDeviceLink = z.object({ device: TableDevice, url: z.string(), qrSvg: z.string() })
export type TableDeviceLink = z.infer<typeof TableDeviceLink>

/** Opening a table device's link (`POST /api/tables/claim`). */
export const TableClaimRequest = z.strictObject({ token: z.string().min(1).max(64) })
export const TableClaimResponse = z.object({
  workshopId: z.string(),
  boardId: z.string(),
  table: TableInfo,
})
