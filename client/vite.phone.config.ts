/**
 * Second build of the client: the phone route alone, with Preact standing in for React
 * (`preact/compat`) and a small stand-in for zod (`src/phone/zodLite.ts`), into the same `dist/`
 * (its own manifest). The server answers `/m/*` with
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
        // The shared schemas' runtime, without zod's ~25 KB gzip (src/phone/zodLite.ts).
        {
          find: /^zod$/,
          replacement: fileURLToPath(new URL('src/phone/zodLite.ts', import.meta.url)),
        },
      ],
    },
    build: {
      emptyOutDir: false,
      // terser with two passes packs the phone bundle ~2 % smaller than esbuild's minifier, which
      // keeps it under its 100 KB gzip budget; the main build keeps esbuild (faster, tldraw).
      minify: 'terser',
      terserOptions: { compress: { passes: 2 } },
      manifest: 'phone-manifest.json',
      rollupOptions: { input: fileURLToPath(new URL('phone.html', import.meta.url)) },
    },
  }),
)
