/** Public surface of the server package, for tests and the benchmark harness. */
export { BackupError, createBackup } from './backup/createBackup.ts'
export {
  type BackupContent,
  BackupFileError,
  type BackupHeader,
  decodeBackup,
  encodeBackup,
} from './backup/format.ts'
export { checkBackupSchema, RestoreError, restoreBackup } from './backup/restoreBackup.ts'
export { type Config, ConfigError, loadConfig, type SyncLimits } from './config.ts'
export { DEMO_ACCOUNT, seedDemo } from './demo/seedDemo.ts'
export {
  type Authorize,
  type AuthorizeResult,
  BOARD_ID_PATTERN,
} from './http/syncRoute.ts'
export { createLogger, type Logger } from './logger.ts'
export { createServer, type IdeenwandServer, type ServerOptions } from './server.ts'
export { BoardStore, type StoredBoard, type UpdateSender } from './storage/BoardStore.ts'
export { type Db, type DbOptions, type Engine, openDb } from './storage/Db.ts'
export {
  appliedMigrations,
  loadMigrations,
  MigrationError,
  migrate,
  migrationChecksum,
} from './storage/migrate.ts'
export { DataDirInUseError } from './storage/pgliteLock.ts'
export { type BoardPolicy, OPEN_POLICY, type Writer } from './sync/boardPolicy.ts'
export { applyState, readState, withoutSender } from './sync/boardRestore.ts'
export { CanvasIndex } from './sync/canvasIndex.ts'
export { encodeFanoutMessage } from './sync/fanout/RedisFanout.ts'
export { listHistory } from './sync/historyListing.ts'
export { redactionRanges, redactUpdate } from './sync/historyRedaction.ts'
export { buildDoc, replay } from './sync/historyReplay.ts'
export {
  DEFAULT_COST_WEIGHTS,
  DEFAULT_MAX_UPDATE_COST,
  type UpdateCostWeights,
  UpdateTooCostly,
} from './sync/updateCost.ts'
export {
  checkUpdate,
  type UpdateGuardLimits,
  UpdateRejected,
  type UpdateSummary,
} from './sync/updateGuard.ts'
export { checkRights, UpdateRefused } from './sync/updateRights.ts'
