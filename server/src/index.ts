/** Public surface of the server package, for tests and the benchmark harness. */
export { type Config, ConfigError, loadConfig, type SyncLimits } from './config.ts'
export { DEMO_ACCOUNT, seedDemo } from './demo/seedDemo.ts'
export {
  type Authorize,
  type AuthorizeResult,
  BOARD_ID_PATTERN,
} from './http/syncRoute.ts'
export { createLogger, type Logger } from './logger.ts'
export { createServer, type IdeenwandServer, type ServerOptions } from './server.ts'
export { BoardStore, type StoredBoard } from './storage/BoardStore.ts'
export { type Db, type DbOptions, type Engine, openDb } from './storage/Db.ts'
export { loadMigrations, migrate } from './storage/migrate.ts'
