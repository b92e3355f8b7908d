/**
 * Second build of the client: the phone route alone, with Preact standing in for React
 * (`preact/compat`), into the same `dist/` (its own manifest). The server answers `/m/*` with
 * `phone.html`. The main build (vite.config.ts) stays on React for tldraw.
 */
import { fileURLToPath } from 'node:url'
import { defineConfig, mergeConfig } from 'vite'
import main from './vite.config.ts'

export default mergeConfig(
  main,
  defineConfig({
    resolve: {
      alias: [
        { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
        { find: /^react-dom$/, replacement: 'preact/compat' },
        { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
        { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
        { find: /^react$/, replacement: 'preact/compat' },
      ],
    },
    build: {
      emptyOutDir: false,
      manifest: 'phone-manifest.json',
      rollupOptions: { input: fileURLToPath(new URL('phone.html', import.meta.url)) },
    },
  }),
)
