// Hocuspocus 4 with its defaults and no extensions (nothing stored).
import { Server } from '@hocuspocus/server'

const server = new Server({ port: Number(process.env.PORT), address: '127.0.0.1', quiet: true })
await server.listen()
console.log('"msg":"listening"')
