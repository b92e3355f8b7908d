/**
 * What the sync layer reports for monitoring, without knowing how it is exported (metrics.ts
 * turns it into Prometheus metrics). The default reports nowhere.
 */
export interface SyncMetrics {
  /** A writer's update (sync step 2 or update message) arrived. */
  updateReceived(): void
  /** One update frame went out to `connections` connections. */
  updatesDelivered(connections: number): void
  /** A batch of updates was stored; `lagMs` is the age of its oldest update. */
  updatesStored(lagMs: number): void
  /** A room finished catching up from the store (after a lost or unreadable fan-out message). */
  caughtUpFromStore(): void
}

export const NO_SYNC_METRICS: SyncMetrics = {
  updateReceived() {},
  updatesDelivered() {},
  updatesStored() {},
  caughtUpFromStore() {},
}
