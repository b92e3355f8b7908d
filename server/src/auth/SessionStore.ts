/**
 * Sessions the Lucia way (lucia-auth's current guide and its single-file reference): a token
 * "<id>.<secret>", only the SHA-256 of the secret stored, constant-time comparison, an inactivity
 * timeout renewed at most once per interval, and an absolute lifetime.
 */
import type { Db } from '../storage/Db.ts'
import { constantTimeEqual, randomToken, sha256 } from './crypto.ts'

export type SessionSubject = { kind: 'facilitator'; id: string } | { kind: 'guest'; id: string }

export interface Session {
  id: string
  subject: SessionSubject
  createdAt: Date
  lastVerifiedAt: Date
  /** When the session ends at the latest (absolute lifetime or inactivity, whichever first). */
  expiresAt: Date
}

export interface SessionLifetimes {
  /** Ends after this long without use (ms). */
  inactivityMs: number
  /** Ends this long after creation, used or not (ms). */
  absoluteMs: number
  /** `last_verified_at` is written at most this often (ms). */
  activityCheckMs: number
}

export interface SessionPolicy {
  facilitator: SessionLifetimes
  guest: SessionLifetimes
}

interface SessionRow {
  id: string
  secret_hash: Uint8Array
  facilitator_id: string | null
  guest_id: string | null
  created_at: Date | string
  last_verified_at: Date | string
}

export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly policy: SessionPolicy,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Creates a session; the token is returned once and never stored. */
  async create(subject: SessionSubject): Promise<{ token: string; session: Session }> {
    const id = randomToken()
    const secret = randomToken()
    const now = this.now()
    await this.db.query(
      `insert into sessions (id, secret_hash, facilitator_id, guest_id, created_at, last_verified_at)
       values ($1, $2::bytea, $3, $4, $5, $5)`,
      [
        id,
        sha256(secret),
        subject.kind === 'facilitator' ? subject.id : null,
        subject.kind === 'guest' ? subject.id : null,
        now,
      ],
    )
    return {
      token: `${id}.${secret}`,
      session: this.toSession(id, subject, now, now),
    }
  }

  /** The session for `token`, renewed if due; null when unknown, wrong or expired. */
  async validate(token: string): Promise<Session | null> {
    const parts = token.split('.')
    if (parts.length !== 2) return null
    const [id, secret] = parts as [string, string]
    if (!/^[a-z0-9]{24}$/.test(id) || !/^[a-z0-9]{24}$/.test(secret)) return null
    const [row] = await this.db.query<SessionRow & Record<string, unknown>>(
      'select id, secret_hash, facilitator_id, guest_id, created_at, last_verified_at from sessions where id = $1',
      [id],
    )
    if (!row) return null
    if (!constantTimeEqual(sha256(secret), new Uint8Array(row.secret_hash))) return null
    const subject: SessionSubject = row.facilitator_id
      ? { kind: 'facilitator', id: row.facilitator_id }
      : { kind: 'guest', id: row.guest_id ?? '' }
    const now = this.now()
    const session = this.toSession(
      id,
      subject,
      new Date(row.created_at),
      new Date(row.last_verified_at),
    )
    if (session.expiresAt <= now) {
      await this.invalidate(id)
      return null
    }
    const lifetimes = this.policy[subject.kind]
    if (now.getTime() - session.lastVerifiedAt.getTime() >= lifetimes.activityCheckMs) {
      await this.db.query('update sessions set last_verified_at = $2 where id = $1', [id, now])
      return this.toSession(id, subject, session.createdAt, now)
    }
    return session
  }

  /** A live session by id alone (the caller proved possession otherwise, e.g. by a ticket). */
  async byId(sessionId: string): Promise<Session | null> {
    const [row] = await this.db.query<SessionRow & Record<string, unknown>>(
      'select id, secret_hash, facilitator_id, guest_id, created_at, last_verified_at from sessions where id = $1',
      [sessionId],
    )
    if (!row) return null
    const subject: SessionSubject = row.facilitator_id
      ? { kind: 'facilitator', id: row.facilitator_id }
      : { kind: 'guest', id: row.guest_id ?? '' }
    const session = this.toSession(
      row.id,
      subject,
      new Date(row.created_at),
      new Date(row.last_verified_at),
    )
    return session.expiresAt > this.now() ? session : null
  }

  async invalidate(sessionId: string): Promise<void> {
    await this.db.query('delete from sessions where id = $1', [sessionId])
  }

  /** Ends every session of a subject except `keep`; returns the ended session ids. */
  async invalidateAll(subject: SessionSubject, keep?: string): Promise<string[]> {
    const column = subject.kind === 'facilitator' ? 'facilitator_id' : 'guest_id'
    const rows = await this.db.query<{ id: string }>(
      `delete from sessions where ${column} = $1 and id <> $2 returning id`,
      [subject.id, keep ?? ''],
    )
    return rows.map((r) => r.id)
  }

  /** Deletes sessions that have expired (run periodically). */
  async sweep(): Promise<number> {
    const now = this.now()
    const f = this.policy.facilitator
    const g = this.policy.guest
    const rows = await this.db.query(
      `delete from sessions where
         (facilitator_id is not null and (created_at < $1 or last_verified_at < $2)) or
         (guest_id is not null and (created_at < $3 or last_verified_at < $4))
       returning id`,
      [
        new Date(now.getTime() - f.absoluteMs),
        new Date(now.getTime() - f.inactivityMs),
        new Date(now.getTime() - g.absoluteMs),
        new Date(now.getTime() - g.inactivityMs),
      ],
    )
    return rows.length
  }

  private toSession(
    id: string,
    subject: SessionSubject,
    createdAt: Date,
    lastVerifiedAt: Date,
  ): Session {
    const lifetimes = this.policy[subject.kind]
    const expiresAt = new Date(
      Math.min(
        createdAt.getTime() + lifetimes.absoluteMs,
        lastVerifiedAt.getTime() + lifetimes.inactivityMs,
      ),
    )
    return { id, subject, createdAt, lastVerifiedAt, expiresAt }
  }
}
