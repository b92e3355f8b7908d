/**
 * Who sent an update, for the update log (issue 14 §3): a connection's person by its session's
 * identity — never by anything the client writes — or, for the server's own edits, the person
 * they were made for (`EditedBy`, e.g. a facilitator's restore) or the server itself.
 */
import { SYSTEM_SENDER, type UpdateSender } from '../storage/BoardStore.ts'
import { SyncConnection } from './SyncConnection.ts'

/** A transaction origin for server-side edits made on a person's behalf. */
export class EditedBy {
  constructor(readonly sender: UpdateSender) {}
}

/** The sender of a transaction with `origin`. */
export function senderOf(origin: unknown): UpdateSender {
  if (origin instanceof SyncConnection) {
    const { role, facilitatorId, guestId } = origin.context
    if (role === 'facilitator' && facilitatorId) return { kind: 'facilitator', id: facilitatorId }
    if (guestId) return { kind: 'guest', id: guestId }
    return SYSTEM_SENDER
  }
  if (origin instanceof EditedBy) return origin.sender
  return SYSTEM_SENDER
}
