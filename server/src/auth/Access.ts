/**
 * Who is asking and what they may do: resolves a session token to a principal (facilitator or
 * guest) and decides a principal's role on a board. Used by every API route and the WebSocket.
 */
import { AccessDenial, type BoardAccess, type Facilitator } from '@ideenwand/protocol'
import type { GuestStore, GuestWithWorkshop } from '../workshops/GuestStore.ts'
import type { WorkshopStore } from '../workshops/WorkshopStore.ts'
import type { FacilitatorStore } from './FacilitatorStore.ts'
import type { Session, SessionStore } from './SessionStore.ts'

export type Principal =
  | { kind: 'facilitator'; session: Session; facilitator: Facilitator }
  | { kind: 'guest'; session: Session; guest: GuestWithWorkshop }

/** Why `boardAccess` refuses: the HTTP API and the WebSocket each translate it in one place. */
export type BoardDenial =
  | typeof AccessDenial.BoardNotFound
  | typeof AccessDenial.WaitingForAdmission

export type BoardAccessResult =
  | { ok: true; access: BoardAccess }
  | { ok: false; denied: BoardDenial }

const NOT_FOUND = { ok: false, denied: AccessDenial.BoardNotFound } as const

export class Access {
  constructor(
    readonly sessions: SessionStore,
    private readonly facilitators: FacilitatorStore,
    private readonly guests: GuestStore,
    private readonly workshops: WorkshopStore,
    /** Whether participants may change the board now (phase, lock); set by the workshop control. */
    private readonly participantsMayWrite: (workshopId: string) => Promise<boolean> = async () =>
      true,
  ) {}

  async principal(token: string | undefined | null): Promise<Principal | null> {
    if (!token) return null
    const session = await this.sessions.validate(token)
    return session ? this.principalOf(session) : null
  }

  async principalOf(session: Session): Promise<Principal | null> {
    if (session.subject.kind === 'facilitator') {
      const facilitator = await this.facilitators.get(session.subject.id)
      return facilitator ? { kind: 'facilitator', session, facilitator } : null
    }
    const guest = await this.guests.get(session.subject.id)
    if (!guest || guest.status === 'removed') return null
    return { kind: 'guest', session, guest }
  }

  async boardAccess(principal: Principal, boardId: string): Promise<BoardAccessResult> {
    const workshop = await this.workshops.byBoard(boardId)
    if (!workshop) return NOT_FOUND
    if (principal.kind === 'facilitator') {
      const role = await this.workshops.facilitatorRole(workshop.id, principal.facilitator.id)
      if (!role) return NOT_FOUND
      return {
        ok: true,
        access: {
          boardId,
          workshopId: workshop.id,
          role: 'facilitator',
          canWrite: !workshop.archived,
        },
      }
    }
    const { guest } = principal
    if (guest.boardId !== boardId) return NOT_FOUND
    if (guest.status === 'waiting') return { ok: false, denied: AccessDenial.WaitingForAdmission }
    return {
      ok: true,
      access: {
        boardId,
        workshopId: workshop.id,
        role: guest.role,
        canWrite:
          guest.role === 'participant' &&
          !workshop.archived &&
          (await this.participantsMayWrite(workshop.id)),
      },
    }
  }
}
