// Starts the import worker. The server runs its TypeScript through tsx (`pnpm start`, tests
// under Vitest), but a worker thread gets no loader of its own: this plain module registers tsx
// for the worker's imports only and loads importWorker.ts.
import { tsImport } from 'tsx/esm/api'

await tsImport('./importWorker.ts', import.meta.url)
