/**
 * Who asks, as a member of a workshop: the control and speaking routes check roles with these.
 * A stranger's workshop does not exist for them (404), a guest still in the lobby waits (403).
 */
import type { Context } from 'hono'
import { DomainError, DomainErrorCode } from '../DomainError.ts'
import { ApiError } from '../http/errors.ts'
import type { Actor, Viewer } from '../workshops/ControlService.ts'
import type { ApiDeps, ApiEnv } from './deps.ts'
import { principalOf } from './helpers.ts'

/** The caller's role in the workshop; 404 for strangers, 403 for guests still waiting. */
export async function memberOf(
  deps: ApiDeps,
  c: Context<ApiEnv>,
  workshopId: string,
): Promise<Actor & Viewer> {
  const principal = principalOf(c)
  if (principal.kind === 'facilitator') {
    const role = await deps.workshops.facilitatorRole(workshopId, principal.facilitator.id)
    if (!role) throw new DomainError(DomainErrorCode.WorkshopNotFound)
    return {
      role: 'facilitator',
      id: principal.facilitator.id,
      name: principal.facilitator.name,
      canWrite: true,
    }
  }
  const { guest } = principal
  if (guest.workshopId !== workshopId) throw new DomainError(DomainErrorCode.WorkshopNotFound)
  if (guest.status !== 'admitted') {
    throw new DomainError(DomainErrorCode.WaitingForAdmission)
  }
  const canWrite =
    guest.role === 'participant' && (await deps.control.participantsMayWrite(workshopId))
  return { role: guest.role, id: guest.id, name: guest.name, canWrite, table: guest.table ?? null }
}

/** A facilitator of the workshop; its guests get 403 `forbidden`, strangers 404. */
export async function facilitatorMemberOf(
  deps: ApiDeps,
  c: Context<ApiEnv>,
  workshopId: string,
): Promise<Actor> {
  const m = await memberOf(deps, c, workshopId)
  if (m.role !== 'facilitator')
    throw new ApiError(403, 'forbidden', 'Only facilitators may do this')
  return m
}
