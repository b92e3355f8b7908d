/**
 * Invitations for co-facilitators: a link with a random token (only its hash stored), valid for
 * seven days and usable once, that adds the person who accepts it to the workshop.
 */
import { randomToken, sha256 } from '../auth/crypto.ts'
import type { Db } from '../storage/Db.ts'

const VALID_MS = 7 * 24 * 3600 * 1000

export class CofacilitatorInvites {
  constructor(private readonly db: Db) {}

  async create(workshopId: string, createdBy: string): Promise<{ token: string; expiresAt: Date }> {
    const token = randomToken(32)
    const expiresAt = new Date(Date.now() + VALID_MS)
    await this.db.query(
      `insert into facilitator_invites (token_hash, workshop_id, created_by, expires_at)
       values ($1::bytea, $2, $3, $4)`,
      [sha256(token), workshopId, createdBy, expiresAt],
    )
    return { token, expiresAt }
  }

  /** The workshop an unused, unexpired invitation is for (without using it). */
  async peek(token: string): Promise<{ workshopId: string; title: string } | null> {
    if (!/^[a-z0-9]{32}$/.test(token)) return null
    const [row] = await this.db.query<{ workshop_id: string; title: string }>(
      `select i.workshop_id, w.title from facilitator_invites i join workshops w on w.id = i.workshop_id
       where i.token_hash = $1::bytea and i.used_at is null and i.expires_at > now()`,
      [sha256(token)],
    )
    return row ? { workshopId: row.workshop_id, title: row.title } : null
  }

  /** Marks the invitation used; returns its workshop, or null if it was not usable. */
  async use(token: string): Promise<string | null> {
    if (!/^[a-z0-9]{32}$/.test(token)) return null
    const [row] = await this.db.query<{ workshop_id: string }>(
      `update facilitator_invites set used_at = now()
       where token_hash = $1::bytea and used_at is null and expires_at > now()
       returning workshop_id`,
      [sha256(token)],
    )
    return row?.workshop_id ?? null
  }
}
