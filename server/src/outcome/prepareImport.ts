/**
 * Everything of an import that costs CPU, done before anything is written and off the event
 * loop (importWorker.ts runs it): parse and validate the upload, apply the board limits
 * (`BOARD_MAX_IDEAS`, `BOARD_MAX_BYTES`) to what the import would create, and build the board as
 * one Yjs update. What comes out is cheap for the server to take over and write: the board's
 * bytes, the workshop's fields and the rounds with their lists already as JSON text.
 */
import {
  BOARD_KEYS,
  Board,
  BoardError,
  type CanvasEntry,
  type IdeaColor,
  initBoard,
  type TldrawSchemaValue,
} from '@ideenwand/board'
import type { MachineExport, OutcomeRound, OutcomeStatusChange } from '@ideenwand/report'
import * as Y from 'yjs'
import { DomainError, DomainErrorCode } from '../DomainError.ts'
import { parseImport } from './importFile.ts'

/** The board limits of the server (config `sync.maxBoardIdeas`, `sync.maxBoardBytes`). */
export interface BoardLimits {
  maxIdeas: number
  maxBytes: number
}

/** A revealed round, its candidate list and results as JSON text (as the database stores them). */
export interface PreparedRound extends Omit<OutcomeRound, 'targetIds' | 'results' | 'resistance'> {
  targetIdsJson: string | null
  /** A dot round's results, or a resistance round's options (as voting_rounds.results holds). */
  resultsJson: string
}

export interface PreparedImport {
  workshop: MachineExport['workshop']
  /** The whole board as a series of Yjs updates, stored in this order as the new board's log. */
  board: Uint8Array[]
  rounds: PreparedRound[]
  /** What became of the ideas, oldest first (ids as in the export: the board keeps them). */
  statusChanges: OutcomeStatusChange[]
  counts: {
    ideas: number
    clusters: number
    rounds: number
    statusChanges: number
    /** Merges into an idea that was not public: stored without a target they cannot be. */
    statusChangesSkipped: number
  }
}

/**
 * The export's status changes, checked as the status API checks a new one (the database would
 * refuse the rest with an error no one could act on): each names an idea of the export; a merge
 * names another idea of it; "not implemented" has a reason. A merge whose target was not public
 * (the export names none) cannot be stored without its target and is left out (`skipped`).
 */
function statusChangesOf(data: MachineExport): { kept: OutcomeStatusChange[]; skipped: number } {
  const ids = new Set(data.ideas.map((i) => i.id))
  const changes = data.statusChanges ?? []
  const kept: OutcomeStatusChange[] = []
  changes.forEach((c, i) => {
    const refuse = (why: string) => {
      throw new DomainError(DomainErrorCode.InvalidImport, `statusChanges[${i}]: ${why}`)
    }
    if (!ids.has(c.ideaId)) refuse(`idea ${c.ideaId} is not among the ideas`)
    if (c.status !== 'merged' && c.mergedInto !== null)
      refuse('mergedInto goes with the status merged only')
    if (c.mergedInto !== null && (c.mergedInto === c.ideaId || !ids.has(c.mergedInto)))
      refuse(`merge target ${c.mergedInto} is not another idea of the export`)
    if (c.status === 'not_implemented' && !c.reason?.trim())
      refuse('not_implemented needs a reason')
    if (c.status !== 'merged' || c.mergedInto !== null) kept.push(c)
  })
  return {
    kept: kept.sort((a, b) => a.changedAt - b.changedAt),
    skipped: changes.length - kept.length,
  }
}

/**
 * Ideas and canvas records per stored update. The database driver encodes each write on the event
 * loop (postgres.js ~25 ms, PGlite ~100 ms per MB), so a large board is written as a series of
 * updates of about a megabyte or less instead of one of up to `BOARD_MAX_BYTES`.
 */
const IDEAS_PER_UPDATE = 250
const RECORDS_PER_UPDATE = 1000

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size)
}

/** Builds the board of an export (clusters with their order, ideas, canvas, tldraw schema). */
function boardUpdates(data: MachineExport): Uint8Array[] {
  const doc = new Y.Doc({ gc: true })
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  let clock = 0
  const board = new Board(doc, { now: () => clock })
  try {
    doc.transact(() => {
      initBoard(doc)
      for (const c of data.clusters) {
        board.addCluster({ id: c.id, title: c.title, color: c.color as IdeaColor })
        board.updateCluster(c.id, { order: c.order })
      }
    })
    for (const ideas of chunks(data.ideas, IDEAS_PER_UPDATE)) {
      doc.transact(() => {
        for (const idea of ideas) {
          clock = idea.createdAt
          board.addIdea({
            id: idea.id,
            text: idea.text,
            color: idea.color as IdeaColor,
            clusterId: idea.clusterId,
            // Where it came from; a table idea without its label (hand-edited) reads as own.
            ...(idea.source === 'paper' ? { source: 'paper' as const } : {}),
            ...(idea.source === 'table' && idea.table
              ? { source: 'table' as const, table: idea.table }
              : {}),
            // Where a carried idea came from stays with it (issue 20 §1).
            ...(idea.carriedFrom ? { carriedFrom: idea.carriedFrom } : {}),
          })
        }
      })
    }
    // Written as the entries YKeyValue keeps (the last record of an id wins, as it would there),
    // without a YKeyValue: its observer costs O(n²) for n sets in one transaction (20,000
    // records took 11 s and 1.6 GB).
    const records = new Map<string, unknown>()
    for (const record of data.canvas as { id: string }[]) records.set(record.id, record)
    const entries = [...records].map(([key, val]): CanvasEntry<unknown> => ({ key, val }))
    const canvas = doc.getArray<CanvasEntry<unknown>>(BOARD_KEYS.canvas)
    for (const part of chunks(entries, RECORDS_PER_UPDATE)) doc.transact(() => canvas.push(part))
    const schema = data.tldrawSchema
    if (typeof schema === 'string' || (typeof schema === 'object' && schema !== null)) {
      doc.transact(() => board.setTldrawSchema(schema as TldrawSchemaValue))
    }
  } catch (err) {
    if (err instanceof BoardError) {
      throw new DomainError(
        DomainErrorCode.InvalidImport,
        `The export does not fit a board: ${err.message}`,
      )
    }
    throw err
  }
  return updates
}

/** Parses, checks and builds an import; throws {@link DomainError}s for every refusal. */
export function prepareImport(bytes: Uint8Array, limits: BoardLimits): PreparedImport {
  const data = parseImport(bytes, limits.maxIdeas)
  const board = boardUpdates(data)
  const statuses = statusChangesOf(data)
  const size = board.reduce((sum, update) => sum + update.length, 0)
  if (size > limits.maxBytes) {
    throw new DomainError(
      DomainErrorCode.ImportBoardTooLarge,
      `The imported board would take ${size} bytes; a board on this server may take at most ${limits.maxBytes} (BOARD_MAX_BYTES)`,
    )
  }
  return {
    workshop: data.workshop,
    board,
    rounds: data.rounds.map(({ targetIds, results, resistance, ...round }) => ({
      ...round,
      targetIdsJson: targetIds ? JSON.stringify(targetIds) : null,
      resultsJson: JSON.stringify(round.method === 'resistance' ? (resistance ?? []) : results),
    })),
    statusChanges: statuses.kept,
    counts: {
      ideas: data.ideas.length,
      clusters: data.clusters.length,
      rounds: data.rounds.length,
      statusChanges: statuses.kept.length,
      statusChangesSkipped: statuses.skipped,
    },
  }
}
