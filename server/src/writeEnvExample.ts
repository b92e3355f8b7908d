/** `pnpm --filter @ideenwand/server settings:env`: writes `.env.example` from settings.ts. */
import { writeFileSync } from 'node:fs'
import { envExample } from './settings.ts'

writeFileSync(new URL('../../.env.example', import.meta.url), envExample())
