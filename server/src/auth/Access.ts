/**
 * Who is asking and what they may do: resolves a session token to a principal (facilitator or
 * guest) and decides a principal's role on a board. Used by every API route and the WebSocket.
 */
import type { BoardAccess, Facilitator } from '@ideenwand/protocol'
import type { GuestStore, GuestWithWorkshop } from '../workshops/GuestStore.ts'
import type { WorkshopStore } from '../workshops/WorkshopStore.ts'
import type { FacilitatorStore } from './FacilitatorStore.ts'
import type { Session, SessionStore } from './SessionStore.ts'

export type Principal =
  | { kind: 'facilitator'; session: Session; facilitator: Facilitator }
  | { kind: 'guest'; session: Session; guest: GuestWithWorkshop }

export type BoardAccessResult =
  | { ok: true; access: BoardAccess }
  | { ok: false; status: 403 | 404; code: string; message: string }

export class Access {
  constructor(
    readonly sessions: SessionStore,
    private readonly facilitators: FacilitatorStore,
    private readonly guests: GuestStore,
    private readonly workshops: WorkshopStore,
    /** Whether participants may change the board now (phase, lock); set by the flow. */
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
    const notFound = {
      ok: false,
      status: 404,
      code: 'board_not_found',
      message: 'No such board, or not yours to see',
    } as const
    if (!workshop) return notFound
    if (principal.kind === 'facilitator') {
      const role = await this.workshops.facilitatorRole(workshop.id, principal.facilitator.id)
      if (!role) return notFound
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
    if (guest.boardId !== boardId) return notFound
    if (guest.status === 'waiting') {
      return {
        ok: false,
        status: 403,
        code: 'waiting_for_admission',
        message: 'The facilitator has not admitted you yet',
      }
    }
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
