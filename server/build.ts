/**
 * Builds the server for production: `pnpm --filter @ideenwand/server build` writes one ES-module
 * bundle per entry point to `dist/` (`node dist/main.js` is what `pnpm start` and the systemd unit
 * run), so a production start loads plain JavaScript instead of compiling TypeScript through tsx
 * on every start (figures in the README, "Run it").
 *
 * The workspace packages (`@ideenwand/*`, consumed from their TypeScript sources) and the few
 * libraries only they depend on are bundled in; the server's own dependencies stay imports from
 * `server/node_modules`, so native and WebAssembly modules (argon2, PGlite) and the fonts are found
 * as in development. Every bundle lies directly in `dist/`, one level below `server/` like the
 * sources in `src/`: what the server reads at run time from paths relative to its own modules
 * (serverDir.ts: migrations, the built client, `data/`) resolves the same from either.
 */
import { readFileSync, rmSync } from 'node:fs'
import { build, type Plugin } from 'esbuild'

const SERVER_DIR = new URL('./', import.meta.url)
const pkg = JSON.parse(readFileSync(new URL('package.json', SERVER_DIR), 'utf8')) as {
  dependencies: Record<string, string>
}

/** The server's runtime dependencies, left as imports; workspace packages are bundled. */
const external = new Set(Object.keys(pkg.dependencies).filter((n) => !n.startsWith('@ideenwand/')))

function packageName(specifier: string): string {
  const parts = specifier.split('/')
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/')
}

const dependenciesExternal: Plugin = {
  name: 'server-dependencies-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      external.has(packageName(args.path)) ? { path: args.path, external: true } : undefined,
    )
  },
}

const outdir = new URL('dist/', SERVER_DIR).pathname
rmSync(outdir, { recursive: true, force: true })
await build({
  absWorkingDir: SERVER_DIR.pathname,
  entryPoints: {
    main: 'src/main.ts',
    // The import worker's thread (outcome/ImportWorkers.ts starts dist/importWorker.js).
    importWorker: 'src/outcome/importWorker.ts',
  },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  // Node 20 is the oldest supported release (package.json engines).
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'linked',
  plugins: [dependenciesExternal],
  logLevel: 'warning',
})
