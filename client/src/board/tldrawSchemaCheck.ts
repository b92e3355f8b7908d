/**
 * Is the tldraw schema stored in a board newer than this client's? Then this client must not
 * write (its records would be older than what others expect) and asks the user to reload.
 *
 * Newer means: a migration sequence this client does not know, a sequence at a higher version, or
 * a schema `getMigrationsSince` cannot bridge. Older schemas are fine: records are migrated up.
 */
import type { TldrawSchemaValue } from '@ideenwand/board'
import type { SerializedSchema, TLStore } from 'tldraw'

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Parses the opaque value stored by `board.setTldrawSchema` into a tldraw serialized schema. */
export function parseStoredSchema(value: TldrawSchemaValue | undefined): SerializedSchema | null {
  let parsed: unknown = value
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value)
    } catch {
      return null
    }
  }
  if (!isRecord(parsed) || typeof parsed.schemaVersion !== 'number') return null
  if (parsed.schemaVersion >= 2) {
    if (!isRecord(parsed.sequences)) return null
    for (const v of Object.values(parsed.sequences)) if (typeof v !== 'number') return null
  } else if (!isRecord(parsed.recordVersions)) {
    return null
  }
  // Checked field by field above; tldraw's own type for the two historic layouts.
  return parsed as unknown as SerializedSchema
}

export type SchemaRelation = 'same' | 'older' | 'newer'

export function compareSchema(stored: SerializedSchema, store: TLStore): SchemaRelation {
  const current = store.schema.serialize()
  if (stored.schemaVersion > current.schemaVersion) return 'newer'
  if (stored.schemaVersion >= 2 && 'sequences' in stored) {
    let older = false
    for (const [id, version] of Object.entries(stored.sequences)) {
      const ours = current.sequences[id]
      if (ours === undefined || version > ours) return 'newer'
      if (version < ours) older = true
    }
    for (const id of Object.keys(current.sequences)) {
      if (stored.sequences[id] === undefined) older = true
    }
    if (!store.schema.getMigrationsSince(stored).ok) return 'newer'
    return older ? 'older' : 'same'
  }
  return store.schema.getMigrationsSince(stored).ok ? 'older' : 'newer'
}
