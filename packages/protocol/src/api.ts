/**
 * Request and response schemas of the HTTP API (`/api`), shared by client and server. The server
 * validates requests with them and generates the OpenAPI 3.1 document from them.
 */
import { ROLES } from '@ideenwand/board'
import { z } from 'zod'
import { SpeakingChannel } from './speaking.ts'
import { TableInfo } from './tables.ts'

const trimmed = (max: number) => z.string().trim().max(max)

export { ROLES }
export const Role = z.enum(ROLES)
export type Role = z.infer<typeof Role>

export const GuestRole = z.enum(['participant', 'viewer'])
export type GuestRole = z.infer<typeof GuestRole>

export const LANGUAGES = ['de', 'en'] as const
export const Language = z.enum(LANGUAGES)

export const Email = z.string().trim().toLowerCase().email().max(254)
/** At least 10 characters (BSI / NIST: length over composition rules); at most 200. */
export const Password = z.string().min(10).max(200)
export const PersonName = trimmed(80).min(1)

export const SetupRequest = z.object({ email: Email, password: Password, name: PersonName })
export const LoginRequest = z.object({ email: Email, password: z.string().min(1).max(200) })
export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: Password,
})

export const Facilitator = z.object({ id: z.string(), email: z.string(), name: z.string() })
export type Facilitator = z.infer<typeof Facilitator>

export const Invite = z.object({
  role: GuestRole,
  code: z.string(),
  enabled: z.boolean(),
  joinUrl: z.string(),
})
export type Invite = z.infer<typeof Invite>

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
const httpUrl = z
  .string()
  .trim()
  .max(500)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL')

export const WorkshopInput = z.object({
  title: trimmed(200).min(1),
  date: isoDate.nullable().optional(),
  place: trimmed(200).nullable().optional(),
  description: trimmed(5000).optional(),
  language: Language.optional(),
  videoUrl: httpUrl.nullable().optional(),
  lobby: z.boolean().optional(),
})
export const WorkshopPatch = WorkshopInput.partial()

export const Workshop = z.object({
  id: z.string(),
  boardId: z.string(),
  title: z.string(),
  date: z.string().nullable(),
  place: z.string().nullable(),
  description: z.string(),
  language: Language,
  videoUrl: z.string().nullable(),
  lobby: z.boolean(),
  archived: z.boolean(),
  createdAt: z.string(),
  role: z.enum(['owner', 'cofacilitator']),
})
export type Workshop = z.infer<typeof Workshop>

const RetentionDays = z
  .number()
  .int('must be a whole number of days')
  .min(1, 'must be at least 1 day')
  .max(3650, 'must be at most 3650 days (10 years)')
  .nullable()

/**
 * What a facilitator sets: delete guests' names, and/or the whole workshop, this many days after
 * the workshop's end; null keeps them.
 */
export const RetentionSettings = z.strictObject({
  namesDays: RetentionDays,
  workshopDays: RetentionDays,
})
export type RetentionSettings = z.infer<typeof RetentionSettings>

/** A workshop's retention: the settings in force and the dates they lead to (ISO 8601). */
export const Retention = RetentionSettings.extend({
  /** False while the server-wide defaults apply (nobody saved settings for this workshop). */
  custom: z.boolean(),
  defaults: RetentionSettings,
  /** The workshop's end the days count from: the latest of its date, last phase change and last activity. */
  endsAt: z.string(),
  namesDeleteAt: z.string().nullable(),
  workshopDeleteAt: z.string().nullable(),
  /** When guests' names were last deleted, if ever. */
  namesDeletedAt: z.string().nullable(),
})
export type Retention = z.infer<typeof Retention>

export const WorkshopDetail = Workshop.extend({
  invites: z.array(Invite),
  facilitators: z.array(Facilitator.extend({ role: z.enum(['owner', 'cofacilitator']) })),
  retention: Retention,
})
export type WorkshopDetail = z.infer<typeof WorkshopDetail>

export const GuestStatus = z.enum(['waiting', 'admitted', 'removed'])
export const Guest = z.object({
  id: z.string(),
  name: z.string().nullable(),
  role: GuestRole,
  status: GuestStatus,
  joinedAt: z.string(),
  /** Only for a table's shared device (issue 19 §2): its label and people; it has no name. */
  table: TableInfo.optional(),
})
export type Guest = z.infer<typeof Guest>
export const GuestPatch = z.object({ role: GuestRole.optional(), status: GuestStatus.optional() })

export const JoinRequest = z.object({
  code: z.string().trim().min(4).max(20),
  /** Empty or missing: anonymous. */
  name: trimmed(80).optional(),
  /** Where the device puts the person (a phone: the room), for the join funnel. */
  channel: SpeakingChannel.optional(),
})
export const JoinResponse = z.object({
  workshopId: z.string(),
  boardId: z.string(),
  role: GuestRole,
  status: GuestStatus,
})
export const JoinPreview = z.object({
  title: z.string(),
  date: z.string().nullable(),
  place: z.string().nullable(),
  language: Language,
  role: GuestRole,
})

export const Me = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('facilitator'), facilitator: Facilitator }),
  z.object({
    kind: z.literal('guest'),
    guest: Guest.extend({ workshopId: z.string(), boardId: z.string() }),
    workshop: z.object({
      title: z.string(),
      videoUrl: z.string().nullable(),
      language: Language,
    }),
  }),
])
export type Me = z.infer<typeof Me>

export const BoardAccess = z.object({
  boardId: z.string(),
  workshopId: z.string(),
  role: Role,
  canWrite: z.boolean(),
})
export type BoardAccess = z.infer<typeof BoardAccess>

export const TicketResponse = z.object({ ticket: z.string(), expiresAt: z.string() })
export const CofacilitatorInviteResponse = z.object({
  inviteUrl: z.string(),
  expiresAt: z.string(),
})
export const AcceptInviteRequest = z.object({
  email: Email.optional(),
  password: Password.optional(),
  name: PersonName.optional(),
})

export const ApiErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
})
