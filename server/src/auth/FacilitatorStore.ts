/** Facilitator accounts: the first-run setup, login and password changes. */
import type { Facilitator } from '@ideenwand/protocol'
import type { Db } from '../storage/Db.ts'
import { hashPassword, randomToken, verifyPassword } from './crypto.ts'

/** A hash to verify against when the e-mail is unknown, so both cases take the same time. */
let dummyHash: Promise<string> | null = null

export class FacilitatorStore {
  constructor(private readonly db: Db) {}

  async count(): Promise<number> {
    const [row] = await this.db.query<{ n: string | number }>(
      'select count(*) as n from facilitators',
    )
    return Number(row?.n ?? 0)
  }

  /**
   * Creates the first facilitator atomically: returns null when one exists already (also when
   * two setups race — the advisory lock serialises them).
   */
  async createFirst(input: {
    email: string
    name: string
    password: string
  }): Promise<Facilitator | null> {
    const passwordHash = await hashPassword(input.password)
    return this.db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [4_711_0001])
      const [row] = await tx.query<{ n: string | number }>('select count(*) as n from facilitators')
      if (Number(row?.n ?? 0) > 0) return null
      const id = randomToken(16)
      await tx.query(
        'insert into facilitators (id, email, name, password_hash) values ($1, $2, $3, $4)',
        [id, input.email, input.name, passwordHash],
      )
      return { id, email: input.email, name: input.name }
    })
  }

  /** Creates a facilitator (accepting a co-facilitator invitation); null if the e-mail is taken. */
  async create(input: {
    email: string
    name: string
    password: string
  }): Promise<Facilitator | null> {
    const passwordHash = await hashPassword(input.password)
    const id = randomToken(16)
    const rows = await this.db.query(
      `insert into facilitators (id, email, name, password_hash) values ($1, $2, $3, $4)
       on conflict (email) do nothing returning id`,
      [id, input.email, input.name, passwordHash],
    )
    return rows.length > 0 ? { id, email: input.email, name: input.name } : null
  }

  async get(id: string): Promise<Facilitator | null> {
    const [row] = await this.db.query<Facilitator>(
      'select id, email, name from facilitators where id = $1',
      [id],
    )
    return row ?? null
  }

  /** The facilitator whose e-mail and password match, else null (in constant-ish time). */
  async authenticate(email: string, password: string): Promise<Facilitator | null> {
    const [row] = await this.db.query<Facilitator & { password_hash: string }>(
      'select id, email, name, password_hash from facilitators where email = $1',
      [email],
    )
    if (!row) {
      dummyHash ??= hashPassword(randomToken())
      await verifyPassword(await dummyHash, password)
      return null
    }
    if (!(await verifyPassword(row.password_hash, password))) return null
    return { id: row.id, email: row.email, name: row.name }
  }

  async changePassword(id: string, current: string, next: string): Promise<boolean> {
    const [row] = await this.db.query<{ password_hash: string }>(
      'select password_hash from facilitators where id = $1',
      [id],
    )
    if (!row || !(await verifyPassword(row.password_hash, current))) return false
    await this.db.query('update facilitators set password_hash = $2 where id = $1', [
      id,
      await hashPassword(next),
    ])
    return true
  }
}
