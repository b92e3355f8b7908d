/** Guests: people who joined a workshop by code, with a display name or anonymously. */
import type { Channel, Guest, GuestRole } from '@ideenwand/protocol'
import { randomToken } from '../auth/crypto.ts'
import type { Db } from '../storage/Db.ts'

type GuestStatus = Guest['status']

interface GuestRow {
  id: string
  display_name: string | null
  role: GuestRole
  status: GuestStatus
  created_at: Date | string
  workshop_id: string
  board_id: string
}

export type GuestWithWorkshop = Guest & { workshopId: string; boardId: string }

function toGuest(row: GuestRow): GuestWithWorkshop {
  return {
    id: row.id,
    name: row.display_name,
    role: row.role,
    status: row.status,
    joinedAt: new Date(row.created_at).toISOString(),
    workshopId: row.workshop_id,
    boardId: row.board_id,
  }
}

const COLUMNS = 'g.id, g.display_name, g.role, g.status, g.created_at, g.workshop_id, w.board_id'

export class GuestStore {
  constructor(private readonly db: Db) {}

  async create(input: {
    workshopId: string
    name: string | null
    role: GuestRole
    status: GuestStatus
    /** Where the device puts the person, for the join funnel; null when it did not say. */
    channel?: Channel | null
  }): Promise<string> {
    const id = randomToken(16)
    await this.db.query(
      `insert into guests (id, workshop_id, display_name, role, status, channel)
       values ($1, $2, $3, $4, $5, $6)`,
      [id, input.workshopId, input.name, input.role, input.status, input.channel ?? null],
    )
    return id
  }

  async get(id: string): Promise<GuestWithWorkshop | null> {
    const [row] = await this.db.query<GuestRow & Record<string, unknown>>(
      `select ${COLUMNS} from guests g join workshops w on w.id = g.workshop_id where g.id = $1`,
      [id],
    )
    return row ? toGuest(row) : null
  }

  async list(workshopId: string): Promise<Guest[]> {
    const rows = await this.db.query<GuestRow & Record<string, unknown>>(
      `select ${COLUMNS} from guests g join workshops w on w.id = g.workshop_id
       where g.workshop_id = $1 order by g.created_at`,
      [workshopId],
    )
    return rows.map((r) => {
      const { workshopId: _w, boardId: _b, ...guest } = toGuest(r)
      return guest
    })
  }

  /** Deletes a guest with their sessions (name and membership gone). */
  async delete(id: string): Promise<void> {
    await this.db.query('delete from guests where id = $1', [id])
  }

  async update(
    workshopId: string,
    id: string,
    patch: { role?: GuestRole | undefined; status?: GuestStatus | undefined },
  ): Promise<GuestWithWorkshop | null> {
    await this.db.query(
      `update guests set role = coalesce($3, role), status = coalesce($4, status)
       where id = $1 and workshop_id = $2`,
      [id, workshopId, patch.role ?? null, patch.status ?? null],
    )
    const guest = await this.get(id)
    return guest && guest.workshopId === workshopId ? guest : null
  }
}
