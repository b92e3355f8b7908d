/**
 * For unit tests: workshops on an in-memory PGlite with everything the workshop control works
 * on — stores, the board rooms, the connection registry and a ControlService — and live
 * connections on a board that record what they were sent. Not used by the server.
 */
import { Board } from '@ideenwand/board'
import { type ControlState, decodeControl, MessageType } from '@ideenwand/protocol'
import * as decoding from 'lib0/decoding'
import type * as Y from 'yjs'
import { FacilitatorStore } from '../auth/FacilitatorStore.ts'
import { loadConfig } from '../config.ts'
import { DomainError, type DomainErrorCode } from '../DomainError.ts'
import { createLogger } from '../logger.ts'
import { BoardStore } from '../storage/BoardStore.ts'
import { type Db, openDb } from '../storage/Db.ts'
import { migrate } from '../storage/migrate.ts'
import { ConnectionRegistry } from '../sync/ConnectionRegistry.ts'
import { RateLimiter } from '../sync/RateLimiter.ts'
import { Rooms } from '../sync/Rooms.ts'
import { type ConnectionContext, SyncConnection } from '../sync/SyncConnection.ts'
import { ControlService } from './ControlService.ts'
import { ControlStore } from './ControlStore.ts'
import { GuestStore } from './GuestStore.ts'
import { RoundStore } from './RoundStore.ts'
import { WorkshopStore } from './WorkshopStore.ts'

/** A live connection whose socket keeps the control states and the close it received. */
export interface TestConnection {
  conn: SyncConnection
  /** Every control state sent to it, oldest first. */
  controls: ControlState[]
  closedWith: number | null
}

export interface ControlFixture {
  db: Db
  rooms: Rooms
  registry: ConnectionRegistry
  controlStore: ControlStore
  roundStore: RoundStore
  workshops: WorkshopStore
  control: ControlService
  facilitatorId: string
  /** A new workshop (phase collect) owned by the fixture's facilitator. */
  workshop(): Promise<{ id: string; boardId: string }>
  /** An admitted participant (or viewer) of a workshop; returns the guest id. */
  guest(workshopId: string, role?: 'participant' | 'viewer'): Promise<string>
  /** Adds ideas to a board (as the server would: a facilitator's edit). */
  ideas(boardId: string, texts: string[]): Promise<string[]>
  /** Opens a live connection on a board (registered and joined like a real one). */
  connect(patch: Partial<ConnectionContext> & Pick<ConnectionContext, 'boardId'>): TestConnection
  close(): Promise<void>
}

/** The domain code `promise` is rejected with (it must be rejected with a DomainError). */
export async function codeOf(promise: Promise<unknown>): Promise<DomainErrorCode> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  if (!(err instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(err)}`)
  return err.code
}

export async function controlFixture(): Promise<ControlFixture> {
  const db = await openDb({ engine: 'pglite', dataDir: null })
  await migrate(db)
  const log = createLogger('silent')
  const limits = { ...loadConfig({}).sync, roomIdleMs: 60_000 }
  let control: ControlService | null = null
  const rooms = new Rooms(new BoardStore(db), limits, log, {
    hooks: {
      onJoin: (conn) => control?.roomHooks.onJoin(conn),
      onIdeasAdded: (conn, ids) => control?.roomHooks.onIdeasAdded(conn, ids),
      onHeld: (conn, held) => control?.roomHooks.onHeld(conn, held),
    },
  })
  const registry = new ConnectionRegistry(
    (conn) => rooms.get(conn.context.boardId)?.dropAwareness(conn),
    60_000,
  )
  const controlStore = new ControlStore(db)
  const roundStore = new RoundStore(db)
  const workshops = new WorkshopStore(db)
  const guests = new GuestStore(db)
  control = ControlService.onDb(db, workshops, rooms, registry, log)
  const facilitator = await new FacilitatorStore(db).create({
    email: 'moderation@example.org',
    name: 'Mara',
    password: 'correct horse battery',
  })
  if (!facilitator) throw new Error('no facilitator')
  const service = control
  return {
    db,
    rooms,
    registry,
    controlStore,
    roundStore,
    workshops,
    control: service,
    facilitatorId: facilitator.id,
    async workshop() {
      const w = await workshops.create(facilitator.id, { title: 'Themenlabor' }, (c) => c)
      return { id: w.id, boardId: w.boardId }
    },
    guest: (workshopId, role = 'participant') =>
      guests.create({ workshopId, name: 'Anna', role, status: 'admitted' }),
    async ideas(boardId, texts) {
      const room = await rooms.acquire(boardId)
      const board = new Board(room.doc as Y.Doc)
      const ids = texts.map((text) => board.addIdea({ text }))
      rooms.release(boardId)
      return ids
    },
    connect(patch) {
      const controls: ControlState[] = []
      const result: TestConnection = {
        conn: null as unknown as SyncConnection,
        controls,
        closedWith: null,
      }
      const context: ConnectionContext = {
        sessionId: `s-${Math.random()}`,
        facilitatorId: null,
        guestId: null,
        displayName: null,
        role: 'participant',
        canWrite: true,
        expiresAt: null,
        wantsAck: false,
        ip: '127.0.0.1',
        ...patch,
      }
      result.conn = new SyncConnection(
        context,
        {
          send(frame) {
            const decoder = decoding.createDecoder(frame)
            if (decoding.readVarUint(decoder) !== MessageType.Control) return
            const state = decodeControl(decoder)
            if (state) controls.push(state)
          },
          close(code) {
            result.closedWith = code
          },
        },
        new RateLimiter(1000, 1000),
      )
      registry.add(result.conn)
      rooms.connect(result.conn)
      return result
    },
    async close() {
      service.close()
      registry.close()
      await rooms.closeAll()
      await db.close()
    },
  }
}
