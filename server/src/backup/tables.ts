/**
 * Which tables a backup holds and how rows belong to a workshop, read from the live schema so a
 * new migration's tables are covered without touching this file: a table with a `workshop_id`
 * column is per workshop; any other unknown table is global (in "everything" backups only).
 */
import type { Queryable } from '../storage/Db.ts'

/** Tables never written to a backup, with the reason (shown in the file's header and docs). */
export const EXCLUDED_TABLES: Readonly<Record<string, string>> = {
  schema_migrations: 'recorded in the header; the target database keeps its own',
  sessions: 'sign-ins are not restored: everyone signs in again',
  ws_tickets: 'short-lived sign-in tickets',
  facilitator_invites: 'short-lived co-facilitator invitations (secrets); send new ones',
  ballot_locks: 'transient row locks, recreated on demand',
  board_updates: 'folded into one compacted snapshot per board (board_snapshots)',
  board_restore_points:
    "the board's history (restore points) stays where it was made; a restored board starts a new one",
}

/** Account tables shared by workshops: restoring keeps rows that exist already. */
export const SHARED_TABLES = new Set(['facilitators'])

export interface TableInfo {
  name: string
  columns: string[]
  /** Columns filled from a sequence (`bigserial`): not restored, the target numbers them anew. */
  serialColumns: Set<string>
  /** Tables this one references (foreign keys). */
  parents: Set<string>
}

/** The base tables of the current schema with their columns and foreign keys. */
export async function readTables(db: Queryable): Promise<Map<string, TableInfo>> {
  const columns = await db.query<{ table_name: string; column_name: string; def: string | null }>(
    `select c.table_name, c.column_name, c.column_default as def
     from information_schema.columns c
     join information_schema.tables t
       on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
     order by c.table_name, c.ordinal_position`,
  )
  const tables = new Map<string, TableInfo>()
  for (const c of columns) {
    let info = tables.get(c.table_name)
    if (!info) {
      info = { name: c.table_name, columns: [], serialColumns: new Set(), parents: new Set() }
      tables.set(c.table_name, info)
    }
    info.columns.push(c.column_name)
    if (c.def?.startsWith('nextval(')) info.serialColumns.add(c.column_name)
  }
  const fks = await db.query<{ child: string; parent: string }>(
    `select c.relname as child, p.relname as parent
     from pg_constraint k
     join pg_class c on c.oid = k.conrelid
     join pg_class p on p.oid = k.confrelid
     join pg_namespace n on n.oid = k.connamespace
     where k.contype = 'f' and n.nspname = current_schema()`,
  )
  for (const fk of fks) {
    if (fk.child !== fk.parent) tables.get(fk.child)?.parents.add(fk.parent)
  }
  return tables
}

/** Table names ordered parents first (foreign keys), ties by name. */
export function parentsFirst(tables: Map<string, TableInfo>, names: Iterable<string>): string[] {
  const wanted = new Set(names)
  const order: string[] = []
  const visiting = new Set<string>()
  const visit = (name: string) => {
    if (order.includes(name) || visiting.has(name)) return
    visiting.add(name)
    for (const parent of [...(tables.get(name)?.parents ?? [])].sort()) {
      if (wanted.has(parent)) visit(parent)
    }
    order.push(name)
  }
  for (const name of [...wanted].sort()) visit(name)
  return order
}

/**
 * The `where` clause selecting a table's rows for workshops `$1` (a text array), or null when the
 * table holds no per-workshop data (global tables).
 */
export function workshopFilter(table: TableInfo): string | null {
  switch (table.name) {
    case 'workshops':
      return 'id = any($1)'
    case 'boards':
      return 'id in (select board_id from workshops where id = any($1))'
    case 'facilitators':
      return 'id in (select facilitator_id from workshop_facilitators where workshop_id = any($1))'
    case 'ballots':
    case 'resistance_ratings':
      return 'round_id in (select id from voting_rounds where workshop_id = any($1))'
  }
  return table.columns.includes('workshop_id') ? 'workshop_id = any($1)' : null
}
