/**
 * Receipt links (issue 20 §4, table `receipts`, migration 016): an unguessable token (32
 * characters of the session alphabet, 160 bits) that leads to one guest's receipt page. Only its
 * SHA-256 is stored, so the link is shown once and a new request makes a new one; earlier links
 * keep working (the newest {@link KEEP} per guest). The rows go with the guest and the workshop
 * (foreign keys with `on delete cascade`).
 */
import { randomToken, sha256 } from '../auth/crypto.ts'
import type { Queryable } from '../storage/Db.ts'

/** How many links one guest may hold at once. */
const KEEP = 5

export class Receipts {
  constructor(private readonly db: Queryable) {}

  /** A new link secret for the guest. */
  async issue(guestId: string, workshopId: string): Promise<string> {
    const token = randomToken(32)
    await this.db.query(
      'insert into receipts (token_hash, guest_id, workshop_id) values ($1, $2, $3)',
      [sha256(token), guestId, workshopId],
    )
    await this.db.query(
      `delete from receipts where guest_id = $1 and token_hash not in (
         select token_hash from receipts where guest_id = $1
         order by created_at desc, token_hash limit ${KEEP})`,
      [guestId],
    )
    return token
  }

  /** The guest a link secret belongs to, or null. */
  async guestOf(token: string): Promise<{ guestId: string; workshopId: string } | null> {
    const [row] = await this.db.query<{ guest_id: string; workshop_id: string }>(
      'select guest_id, workshop_id from receipts where token_hash = $1',
      [sha256(token)],
    )
    return row ? { guestId: row.guest_id, workshopId: row.workshop_id } : null
  }
}
