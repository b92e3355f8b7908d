/** Guests: people who joined a workshop by code, with a display name or anonymously. */
import type { Channel, Guest, GuestRole, TableDevice, TableInfo } from '@ideenwand/protocol'
import { randomToken, sha256 } from '../auth/crypto.ts'
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
  table_label: string | null
  table_people: number | null
  link_open: boolean
}

export type GuestWithWorkshop = Guest & { workshopId: string; boardId: string }

function tableOf(row: GuestRow): TableInfo | null {
  return row.table_label !== null && row.table_people !== null
    ? { label: row.table_label, people: Number(row.table_people) }
    : null
}

function toGuest(row: GuestRow): GuestWithWorkshop {
  const table = tableOf(row)
  return {
    id: row.id,
    name: row.display_name,
    role: row.role,
    status: row.status,
    joinedAt: new Date(row.created_at).toISOString(),
    workshopId: row.workshop_id,
    boardId: row.board_id,
    ...(table ? { table } : {}),
  }
}

function toTableDevice(row: GuestRow): TableDevice {
  return {
    id: row.id,
    label: row.table_label ?? '',
    people: Number(row.table_people ?? 1),
    status: row.status === 'removed' ? 'ended' : 'active',
    linkOpen: row.link_open,
    createdAt: new Date(row.created_at).toISOString(),
  }
}

const COLUMNS = `g.id, g.display_name, g.role, g.status, g.created_at, g.workshop_id, w.board_id,
  g.table_label, g.table_people, g.table_link_hash is not null as link_open`

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

  // ---- table devices (issue 19 §2) ----------------------------------------------------------

  /**
   * A table's shared device: an admitted participant without a name, with the table's label and
   * people, and a one-time link (returned: the secret, only its hash is stored).
   */
  async createTable(
    workshopId: string,
    input: { label: string; people: number },
  ): Promise<{ device: TableDevice; token: string }> {
    const id = randomToken(16)
    const token = randomToken(24)
    await this.db.query(
      `insert into guests (id, workshop_id, display_name, role, status, table_label, table_people,
         table_link_hash)
       values ($1, $2, null, 'participant', 'admitted', $3, $4, $5)`,
      [id, workshopId, input.label, input.people, sha256(token)],
    )
    const device = await this.table(workshopId, id)
    if (!device) throw new Error('table device vanished')
    return { device, token }
  }

  /** The workshop's table devices, oldest first (ended ones too: their ideas stay). */
  async tables(workshopId: string): Promise<TableDevice[]> {
    const rows = await this.db.query<GuestRow & Record<string, unknown>>(
      `select ${COLUMNS} from guests g join workshops w on w.id = g.workshop_id
       where g.workshop_id = $1 and g.table_label is not null order by g.created_at, g.id`,
      [workshopId],
    )
    return rows.map(toTableDevice)
  }

  async table(workshopId: string, id: string): Promise<TableDevice | null> {
    const [row] = await this.db.query<GuestRow & Record<string, unknown>>(
      `select ${COLUMNS} from guests g join workshops w on w.id = g.workshop_id
       where g.id = $1 and g.workshop_id = $2 and g.table_label is not null`,
      [id, workshopId],
    )
    return row ? toTableDevice(row) : null
  }

  /** Renames or re-counts an active table device; null if there is none such. */
  async updateTable(
    workshopId: string,
    id: string,
    patch: { label?: string | undefined; people?: number | undefined },
  ): Promise<TableDevice | null> {
    await this.db.query(
      `update guests set table_label = coalesce($3, table_label),
         table_people = coalesce($4, table_people)
       where id = $1 and workshop_id = $2 and table_label is not null and status <> 'removed'`,
      [id, workshopId, patch.label ?? null, patch.people ?? null],
    )
    return this.table(workshopId, id)
  }

  /** A new one-time link for an active table device (the old one stops working). */
  async renewTableLink(workshopId: string, id: string): Promise<string | null> {
    const token = randomToken(24)
    const rows = await this.db.query<{ id: string }>(
      `update guests set table_link_hash = $3
       where id = $1 and workshop_id = $2 and table_label is not null and status <> 'removed'
       returning id`,
      [id, workshopId, sha256(token)],
    )
    return rows.length > 0 ? token : null
  }

  /** Ends a table device: no more sessions, no link; its ideas and dots stay. */
  async endTable(workshopId: string, id: string): Promise<TableDevice | null> {
    await this.db.query(
      `update guests set status = 'removed', table_link_hash = null
       where id = $1 and workshop_id = $2 and table_label is not null`,
      [id, workshopId],
    )
    return this.table(workshopId, id)
  }

  /**
   * Uses a table device's one-time link: the guest it makes this browser, or null if the link is
   * unknown, used or the device ended. Atomic, so two browsers cannot both use one link.
   */
  async claimTable(token: string): Promise<GuestWithWorkshop | null> {
    const rows = await this.db.query<{ id: string }>(
      `update guests set table_link_hash = null
       where table_link_hash = $1 and status = 'admitted' and table_label is not null
       returning id`,
      [sha256(token)],
    )
    const id = rows[0]?.id
    return id ? this.get(id) : null
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
