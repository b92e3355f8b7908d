/** What the API routes need, assembled once in server.ts. */

import type { Access, Principal } from '../auth/Access.ts'
import type { CookiePolicy } from '../auth/cookies.ts'
import type { FacilitatorStore } from '../auth/FacilitatorStore.ts'
import type { SessionStore } from '../auth/SessionStore.ts'
import type { TicketStore } from '../auth/TicketStore.ts'
import type { RateLimits } from '../http/rateLimits.ts'
import type { Logger } from '../logger.ts'
import type { OutcomeService } from '../outcome/OutcomeService.ts'
import type { ConnectionRegistry } from '../sync/ConnectionRegistry.ts'
import type { Rooms } from '../sync/Rooms.ts'
import type { CofacilitatorInvites } from '../workshops/CofacilitatorInvites.ts'
import type { ControlService } from '../workshops/ControlService.ts'
import type { GuestStore } from '../workshops/GuestStore.ts'
import type { HistoryService } from '../workshops/HistoryService.ts'
import type { JoinFunnel } from '../workshops/JoinFunnel.ts'
import type { Receipts } from '../workshops/Receipts.ts'
import type { WorkshopStore } from '../workshops/WorkshopStore.ts'

export interface ApiDeps {
  access: Access
  sessions: SessionStore
  facilitators: FacilitatorStore
  workshops: WorkshopStore
  guests: GuestStore
  /** The join funnel's counts (issue 19 §5). */
  funnel: JoinFunnel
  tickets: TicketStore
  cofacilitatorInvites: CofacilitatorInvites
  registry: ConnectionRegistry
  rooms: Rooms
  control: ControlService
  /** The board's history: restore, per-person undo, erasure across restore points. */
  history: HistoryService
  outcome: OutcomeService
  limits: RateLimits
  cookies: CookiePolicy
  /** Absolute URL of a path in the app, e.g. `appUrl(c, '/join/K7P-2QX')`. */
  appUrl: (origin: string, path: string) => string
  /** Receipt links (issue 20 §4). */
  receipts: Receipts
  log: Logger
}

export type ApiEnv = { Variables: { principal: Principal | null } }
