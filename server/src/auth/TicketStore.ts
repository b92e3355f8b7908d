/**
 * Single-use WebSocket tickets for non-browser clients (bots, integrations, tests): issued to an
 * authenticated session for one board, valid for a short time, consumed atomically on use.
 */
import type { Db } from '../storage/Db.ts'
import { randomToken, sha256 } from './crypto.ts'

export class TicketStore {
  constructor(
    private readonly db: Db,
    private readonly ttlMs: number,
  ) {}

  async issue(sessionId: string, boardId: string): Promise<{ ticket: string; expiresAt: Date }> {
    const ticket = randomToken(32)
    const expiresAt = new Date(Date.now() + this.ttlMs)
    await this.db.query(
      'insert into ws_tickets (ticket_hash, session_id, board_id, expires_at) values ($1::bytea, $2, $3, $4)',
      [sha256(ticket), sessionId, boardId, expiresAt],
    )
    return { ticket, expiresAt }
  }

  /** The session id the ticket was issued to, if it is valid for `boardId`; it is used up either way. */
  async consume(ticket: string, boardId: string): Promise<string | null> {
    if (!/^[a-z0-9]{32}$/.test(ticket)) return null
    const [row] = await this.db.query<{
      session_id: string
      board_id: string
      expires_at: Date | string
    }>(
      'delete from ws_tickets where ticket_hash = $1::bytea returning session_id, board_id, expires_at',
      [sha256(ticket)],
    )
    if (!row || row.board_id !== boardId || new Date(row.expires_at).getTime() <= Date.now())
      return null
    return row.session_id
  }

  async sweep(): Promise<void> {
    await this.db.query('delete from ws_tickets where expires_at < now()')
  }
}
