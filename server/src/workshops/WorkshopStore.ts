/**
 * Workshops, their board, facilitators and invite codes. Every workshop has exactly one board
 * (created with it, deleted with it) and one code per guest role.
 */
import type { Facilitator, GuestRole, Invite, Workshop, WorkshopDetail } from '@ideenwand/protocol'
import { randomToken } from '../auth/crypto.ts'
import { newInviteCode } from '../auth/inviteCodes.ts'
import type { Db, Queryable } from '../storage/Db.ts'
import { type RetentionDefaults, RetentionStore } from './RetentionStore.ts'

export type WorkshopInput = {
  title: string
  date?: string | null | undefined
  place?: string | null | undefined
  description?: string | undefined
  language?: 'de' | 'en' | undefined
  videoUrl?: string | null | undefined
  lobby?: boolean | undefined
}

type FacilitatorRole = 'owner' | 'cofacilitator'
type JoinUrl = (code: string) => string

interface WorkshopRow {
  id: string
  board_id: string
  title: string
  date: string | null
  place: string | null
  description: string
  language: 'de' | 'en'
  video_url: string | null
  lobby: boolean
  archived_at: unknown
  created_at: Date | string
  role: FacilitatorRole
}

const WORKSHOP_COLUMNS = `w.id, w.board_id, w.title, to_char(w.date, 'YYYY-MM-DD') as date, w.place,
  w.description, w.language, w.video_url, w.lobby, w.archived_at, w.created_at, wf.role`

function toWorkshop(row: WorkshopRow): Workshop {
  return {
    id: row.id,
    boardId: row.board_id,
    title: row.title,
    date: row.date,
    place: row.place,
    description: row.description,
    language: row.language,
    videoUrl: row.video_url,
    lobby: row.lobby,
    archived: row.archived_at !== null,
    createdAt: new Date(row.created_at).toISOString(),
    role: row.role,
  }
}

/** Used when the server is not configured otherwise (config.ts has the RETENTION_DEFAULT_* settings). */
const RETENTION_DEFAULTS: RetentionDefaults = { namesDays: 30, workshopDays: null }

/** What an invite code opens (`findByCode`); a type, not an interface, so it is a query row. */
export type CodeMatch = {
  workshopId: string
  boardId: string
  role: GuestRole
  title: string
  date: string | null
  place: string | null
  language: 'de' | 'en'
  lobby: boolean
}

export class WorkshopStore {
  /** Retention settings and the retention job's SQL. */
  readonly retention: RetentionStore

  constructor(
    private readonly db: Db,
    retentionDefaults: RetentionDefaults = RETENTION_DEFAULTS,
  ) {
    this.retention = new RetentionStore(db, retentionDefaults)
  }

  /**
   * `joinUrl` builds the join URL for a code, e.g. `https://ideenwand.example/join/K7P-2QX`.
   * `within` runs in the same transaction once the rows exist (an import writes the board and
   * rounds there), so the workshop is created with all of it or not at all.
   */
  async create(
    owner: string,
    input: WorkshopInput,
    joinUrl: JoinUrl,
    within?: (tx: Queryable, created: { id: string; boardId: string }) => Promise<void>,
  ): Promise<WorkshopDetail> {
    const id = randomToken(16)
    const boardId = `w-${randomToken(16)}`
    await this.db.transaction(async (tx) => {
      await tx.query('insert into boards (id) values ($1)', [boardId])
      await tx.query(
        `insert into workshops (id, board_id, title, date, place, description, language, video_url, lobby)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          id,
          boardId,
          input.title,
          input.date ?? null,
          input.place ?? null,
          input.description ?? '',
          input.language ?? 'de',
          input.videoUrl ?? null,
          input.lobby ?? false,
        ],
      )
      await tx.query(
        `insert into workshop_facilitators (workshop_id, facilitator_id, role) values ($1, $2, 'owner')`,
        [id, owner],
      )
      for (const role of ['participant', 'viewer'] as const) await this.insertCode(tx, id, role)
      await within?.(tx, { id, boardId })
    })
    const detail = await this.detail(id, owner, joinUrl)
    if (!detail) throw new Error('workshop vanished after creation')
    return detail
  }

  private async insertCode(tx: Queryable, workshopId: string, role: GuestRole): Promise<void> {
    // A collision among ~191 million codes is rare; retry with a fresh one.
    for (let attempt = 0; attempt < 10; attempt++) {
      const rows = await tx
        .query(
          `insert into invite_codes (workshop_id, role, code) values ($1, $2, $3)
         on conflict (workshop_id, role) do update set code = excluded.code, created_at = now()
         returning code`,
          [workshopId, role, newInviteCode()],
        )
        .catch((err: unknown) => {
          if (String((err as Error).message).includes('invite_codes_code_key')) return []
          throw err
        })
      if (rows.length > 0) return
    }
    throw new Error('could not find a free invite code')
  }

  /** The facilitator's role in a workshop, or null when they have none. */
  async facilitatorRole(
    workshopId: string,
    facilitatorId: string,
  ): Promise<FacilitatorRole | null> {
    const [row] = await this.db.query<{ role: FacilitatorRole }>(
      'select role from workshop_facilitators where workshop_id = $1 and facilitator_id = $2',
      [workshopId, facilitatorId],
    )
    return row?.role ?? null
  }

  async list(facilitatorId: string, archived: boolean): Promise<Workshop[]> {
    const rows = await this.db.query<WorkshopRow & Record<string, unknown>>(
      `select ${WORKSHOP_COLUMNS} from workshops w
       join workshop_facilitators wf on wf.workshop_id = w.id and wf.facilitator_id = $1
       where (w.archived_at is not null) = $2
       order by w.date desc nulls last, w.created_at desc`,
      [facilitatorId, archived],
    )
    return rows.map(toWorkshop)
  }

  async detail(
    workshopId: string,
    facilitatorId: string,
    joinUrl: JoinUrl,
  ): Promise<WorkshopDetail | null> {
    const [row] = await this.db.query<WorkshopRow & Record<string, unknown>>(
      `select ${WORKSHOP_COLUMNS} from workshops w
       join workshop_facilitators wf on wf.workshop_id = w.id and wf.facilitator_id = $2
       where w.id = $1`,
      [workshopId, facilitatorId],
    )
    if (!row) return null
    const [invites, facilitators, retention] = await Promise.all([
      this.invites(workshopId, joinUrl),
      this.db.query<Facilitator & { role: FacilitatorRole }>(
        `select f.id, f.email, f.name, wf.role from workshop_facilitators wf
         join facilitators f on f.id = wf.facilitator_id where wf.workshop_id = $1
         order by wf.role desc, f.name`,
        [workshopId],
      ),
      this.retention.of(workshopId),
    ])
    if (!retention) return null
    return { ...toWorkshop(row), invites, facilitators, retention }
  }

  async invites(workshopId: string, joinUrl: JoinUrl): Promise<Invite[]> {
    const rows = await this.db.query<{ role: GuestRole; code: string; enabled: boolean }>(
      `select role, code, enabled from invite_codes where workshop_id = $1 order by role`,
      [workshopId],
    )
    return rows.map((r) => ({ ...r, joinUrl: joinUrl(r.code) }))
  }

  async update(workshopId: string, patch: WorkshopInput | Partial<WorkshopInput>): Promise<void> {
    const columns: Record<string, unknown> = {
      title: patch.title,
      date: patch.date,
      place: patch.place,
      description: patch.description,
      language: patch.language,
      video_url: patch.videoUrl,
      lobby: patch.lobby,
    }
    const sets: string[] = []
    const params: unknown[] = [workshopId]
    for (const [column, value] of Object.entries(columns)) {
      if (value === undefined) continue
      params.push(value)
      sets.push(`${column} = $${params.length}`)
    }
    if (sets.length === 0) return
    await this.db.query(
      `update workshops set ${sets.join(', ')}, updated_at = now() where id = $1`,
      params,
    )
  }

  async setArchived(workshopId: string, archived: boolean): Promise<void> {
    await this.db.query(
      `update workshops set archived_at = ${archived ? 'now()' : 'null'}, updated_at = now() where id = $1`,
      [workshopId],
    )
  }

  /**
   * Deletes the workshop with everything that belongs to it: guests and their sessions, codes,
   * control state, votes, activity, and its board with update log and snapshot.
   */
  async delete(workshopId: string): Promise<string | null> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ board_id: string }>(
        'delete from workshops where id = $1 returning board_id',
        [workshopId],
      )
      if (!row) return null
      await tx.query('delete from ws_tickets where board_id = $1', [row.board_id])
      await tx.query('delete from boards where id = $1', [row.board_id])
      return row.board_id
    })
  }

  async rotateCode(workshopId: string, role: GuestRole): Promise<void> {
    await this.db.transaction((tx) => this.insertCode(tx, workshopId, role))
  }

  async setCodeEnabled(workshopId: string, role: GuestRole, enabled: boolean): Promise<void> {
    await this.db.query(
      'update invite_codes set enabled = $3 where workshop_id = $1 and role = $2',
      [workshopId, role, enabled],
    )
  }

  /** Resolves a typed code to its workshop and role (only enabled codes of live workshops). */
  async findByCode(code: string): Promise<CodeMatch | null> {
    const [row] = await this.db.query<CodeMatch>(
      `select w.id as "workshopId", w.board_id as "boardId", c.role, w.title,
              to_char(w.date, 'YYYY-MM-DD') as date, w.place, w.language, w.lobby
       from invite_codes c join workshops w on w.id = c.workshop_id
       where c.code = $1 and c.enabled and w.archived_at is null`,
      [code],
    )
    return row ?? null
  }

  async addFacilitator(workshopId: string, facilitatorId: string): Promise<void> {
    await this.db.query(
      `insert into workshop_facilitators (workshop_id, facilitator_id, role)
       values ($1, $2, 'cofacilitator') on conflict do nothing`,
      [workshopId, facilitatorId],
    )
  }

  async removeFacilitator(workshopId: string, facilitatorId: string): Promise<boolean> {
    const rows = await this.db.query(
      `delete from workshop_facilitators
       where workshop_id = $1 and facilitator_id = $2 and role = 'cofacilitator' returning 1`,
      [workshopId, facilitatorId],
    )
    return rows.length > 0
  }

  /** Board and archive state of a workshop. */
  async info(workshopId: string): Promise<{ boardId: string; archived: boolean } | null> {
    const [row] = await this.db.query<{ board_id: string; archived_at: unknown }>(
      'select board_id, archived_at from workshops where id = $1',
      [workshopId],
    )
    return row ? { boardId: row.board_id, archived: row.archived_at !== null } : null
  }

  /** What a guest of the workshop may see about it. */
  async publicInfo(
    workshopId: string,
  ): Promise<{ title: string; videoUrl: string | null; language: 'de' | 'en' } | null> {
    const [row] = await this.db.query<{
      title: string
      video_url: string | null
      language: 'de' | 'en'
    }>('select title, video_url, language from workshops where id = $1', [workshopId])
    return row ? { title: row.title, videoUrl: row.video_url, language: row.language } : null
  }

  /** The workshop a board belongs to. */
  async byBoard(boardId: string): Promise<{ id: string; archived: boolean } | null> {
    const [row] = await this.db.query<{ id: string; archived_at: unknown }>(
      'select id, archived_at from workshops where board_id = $1',
      [boardId],
    )
    return row ? { id: row.id, archived: row.archived_at !== null } : null
  }
}
