/**
 * Typed calls to every `/api` route the client uses. Request shapes follow the server's schemas
 * in `@ideenwand/protocol`; responses are parsed with them (see `http.ts`).
 */
import {
  BoardAccess,
  CofacilitatorInviteResponse,
  Facilitator,
  Guest,
  JoinPreview as JoinPreviewSchema,
  JoinResponse,
  Me,
  Retention,
  type RetentionSettings,
  Workshop,
  WorkshopDetail,
} from '@ideenwand/protocol'
import { apiJson, apiVoid, type Schema } from './http.ts'

export type {
  BoardAccess,
  Guest,
  Me,
  Retention,
  RetentionSettings,
  Workshop,
  WorkshopDetail,
} from '@ideenwand/protocol'
export type GuestRole = 'participant' | 'viewer'
export type JoinPreview = ReturnType<typeof JoinPreviewSchema.parse>
export type JoinResult = ReturnType<typeof JoinResponse.parse>
export type WorkshopLanguage = Workshop['language']

/** Fields of `POST /api/workshops` and `PATCH /api/workshops/:id`. */
export interface WorkshopFields {
  title: string
  date: string | null
  place: string | null
  description: string
  language: WorkshopLanguage
  videoUrl: string | null
  lobby: boolean
}

function arrayOf<T>(item: Schema<T>): Schema<T[]> {
  return {
    safeParse(value) {
      if (!Array.isArray(value)) return { success: false, error: { message: 'expected an array' } }
      const out: T[] = []
      for (const entry of value) {
        const parsed = item.safeParse(entry)
        if (!parsed.success) return parsed
        out.push(parsed.data)
      }
      return { success: true, data: out }
    },
  }
}

/** A schema for a small object with one field of a primitive type. */
function field<K extends string, T>(key: K, type: 'boolean' | 'string'): Schema<Record<K, T>> {
  return {
    safeParse(value) {
      const v = (value as Record<string, unknown> | null)?.[key]
      return typeof v === type
        ? { success: true, data: { [key]: v } as Record<K, T> }
        : { success: false, error: { message: `expected ${key}: ${type}` } }
    },
  }
}

const seg = encodeURIComponent

export const api = {
  setupNeeded: () => apiJson('GET', '/setup', field<'needed', boolean>('needed', 'boolean')),
  setup: (body: { name: string; email: string; password: string }) =>
    apiJson('POST', '/setup', Facilitator, body),
  login: (body: { email: string; password: string }) =>
    apiJson('POST', '/auth/login', Facilitator, body),
  logout: () => apiVoid('POST', '/auth/logout'),
  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    apiVoid('POST', '/auth/password', body),
  me: () => apiJson('GET', '/me', Me),

  workshops: (archived: boolean) =>
    apiJson('GET', `/workshops?archived=${archived ? 1 : 0}`, arrayOf(Workshop)),
  createWorkshop: (body: WorkshopFields) => apiJson('POST', '/workshops', WorkshopDetail, body),
  workshop: (id: string) => apiJson('GET', `/workshops/${seg(id)}`, WorkshopDetail),
  updateWorkshop: (id: string, body: Partial<WorkshopFields>) =>
    apiJson('PATCH', `/workshops/${seg(id)}`, WorkshopDetail, body),
  setArchived: (id: string, archived: boolean) =>
    apiJson('POST', `/workshops/${seg(id)}/${archived ? 'archive' : 'unarchive'}`, WorkshopDetail),
  deleteWorkshop: (id: string) => apiVoid('DELETE', `/workshops/${seg(id)}`),
  setRetention: (id: string, body: RetentionSettings) =>
    apiJson('PUT', `/workshops/${seg(id)}/retention`, Retention, body),
  rotateInvite: (id: string, role: GuestRole) =>
    apiJson('POST', `/workshops/${seg(id)}/invites/${role}/rotate`, WorkshopDetail),
  setInviteEnabled: (id: string, role: GuestRole, enabled: boolean) =>
    apiJson('PATCH', `/workshops/${seg(id)}/invites/${role}`, WorkshopDetail, { enabled }),
  /** For `<img src>`; the version parameter defeats the image cache after a rotation. */
  qrUrl: (id: string, role: GuestRole, code: string) =>
    `/api/workshops/${seg(id)}/invites/${role}/qr.svg?v=${seg(code)}`,
  inviteCofacilitator: (id: string) =>
    apiJson('POST', `/workshops/${seg(id)}/cofacilitators`, CofacilitatorInviteResponse),
  removeCofacilitator: (id: string, facilitatorId: string) =>
    apiVoid('DELETE', `/workshops/${seg(id)}/cofacilitators/${seg(facilitatorId)}`),

  participants: (id: string) =>
    apiJson('GET', `/workshops/${seg(id)}/participants`, arrayOf(Guest)),
  updateParticipant: (
    id: string,
    guestId: string,
    patch: { role?: GuestRole; status?: Guest['status'] },
  ) => apiJson('PATCH', `/workshops/${seg(id)}/participants/${seg(guestId)}`, Guest, patch),

  /** `channel`: count this as an opening of the join link (join funnel). */
  joinPreview: (code: string, channel?: 'room' | 'home') =>
    apiJson('GET', `/join/${seg(code)}${channel ? `?channel=${channel}` : ''}`, JoinPreviewSchema),
  join: (code: string, name: string, channel: 'room' | 'home') =>
    apiJson('POST', '/join', JoinResponse, { code, name, channel }),
  boardAccess: (boardId: string) => apiJson('GET', `/boards/${seg(boardId)}/access`, BoardAccess),

  facilitatorInvite: (token: string) =>
    apiJson(
      'GET',
      `/facilitator-invites/${seg(token)}`,
      field<'workshopTitle', string>('workshopTitle', 'string'),
    ),
  acceptFacilitatorInvite: (
    token: string,
    account?: { email: string; password: string; name: string },
  ) => apiJson('POST', `/facilitator-invites/${seg(token)}/accept`, Facilitator, account ?? {}),
}
