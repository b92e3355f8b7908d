/**
 * Reads the two Ideenwand shapes (idea cards, cluster frames) out of the board's tldraw records
 * for the board picture, and filters the records for the machine export (no per-person records,
 * no `meta`). This is the only code
 * in the package that looks at tldraw records, and it trusts none of their fields.
 */
import { CANVAS_SHAPES } from '@ideenwand/board'
import type { CanvasShape } from './types.ts'

interface ShapeRecord {
  id: string
  type: string
  x: number
  y: number
  parentId: string
  props: Record<string, unknown>
}

const num = (v: unknown, fallback = 0) =>
  typeof v === 'number' && Number.isFinite(v) ? v : fallback

function asShape(record: unknown): ShapeRecord | null {
  if (typeof record !== 'object' || record === null) return null
  const r = record as Record<string, unknown>
  if (r.typeName !== 'shape' || typeof r.id !== 'string' || typeof r.type !== 'string') return null
  const props = typeof r.props === 'object' && r.props !== null ? r.props : {}
  return {
    id: r.id,
    type: r.type,
    x: num(r.x),
    y: num(r.y),
    parentId: typeof r.parentId === 'string' ? r.parentId : '',
    props: props as Record<string, unknown>,
  }
}

/**
 * Record types the machine export keeps: the drawing itself. Not `user` records (people's names
 * and preferences), presences, cameras or other per-person state, which old boards may still
 * hold; nor `asset` records (uploaded files may name or show people).
 */
const EXPORTED_TYPES = new Set(['document', 'page', 'shape', 'binding'])

function typeNameOf(record: unknown): string {
  if (typeof record !== 'object' || record === null) return ''
  const name = (record as { typeName?: unknown }).typeName
  return typeof name === 'string' ? name : ''
}

/** `meta` is free-form: a whiteboard may keep who last edited a shape there. It stays behind. */
function withoutMeta(record: unknown): unknown {
  if (typeof record !== 'object' || record === null || !('meta' in record)) return record
  return { ...(record as Record<string, unknown>), meta: {} }
}

/**
 * Idea cards of `ideaIds` and frames of `clusterIds` at absolute positions (parents' offsets
 * added; rotation ignored), and the records without cards or frames of anything else.
 */
export function canvasShapes(
  records: readonly unknown[],
  ideaIds: ReadonlySet<string>,
  clusterIds: ReadonlySet<string>,
): { shapes: CanvasShape[]; records: unknown[] } {
  const shapes = new Map<string, ShapeRecord>()
  for (const record of records) {
    const shape = asShape(record)
    if (shape) shapes.set(shape.id, shape)
  }
  const keep = (shape: ShapeRecord): boolean => {
    if (shape.type === CANVAS_SHAPES.ideaCard) return ideaIds.has(String(shape.props.ideaId))
    if (shape.type === CANVAS_SHAPES.clusterFrame)
      return clusterIds.has(String(shape.props.clusterId))
    return true
  }
  const absolute = (shape: ShapeRecord): { x: number; y: number } => {
    let x = shape.x
    let y = shape.y
    let parent = shapes.get(shape.parentId)
    for (let depth = 0; parent && depth < 50; depth++) {
      x += parent.x
      y += parent.y
      parent = shapes.get(parent.parentId)
    }
    return { x, y }
  }
  const out: CanvasShape[] = []
  for (const shape of shapes.values()) {
    if (!keep(shape)) continue
    const kind =
      shape.type === CANVAS_SHAPES.ideaCard
        ? 'idea'
        : shape.type === CANVAS_SHAPES.clusterFrame
          ? 'cluster'
          : null
    if (!kind) continue
    const { x, y } = absolute(shape)
    out.push({
      kind,
      refId: String(kind === 'idea' ? shape.props.ideaId : shape.props.clusterId),
      x,
      y,
      w: Math.max(1, num(shape.props.w, kind === 'idea' ? 200 : 520)),
      h: Math.max(1, num(shape.props.h, kind === 'idea' ? 140 : 380)),
    })
  }
  // Frames first so cards are drawn on top of them.
  out.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'cluster' ? -1 : 1))
  const kept = records
    .filter((record) => {
      if (!EXPORTED_TYPES.has(typeNameOf(record))) return false
      const shape = asShape(record)
      return !shape || keep(shape)
    })
    .map(withoutMeta)
  return { shapes: out, records: kept }
}
