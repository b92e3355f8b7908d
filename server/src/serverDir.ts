/**
 * The server package's folder (`server/`), found from this module's own address: the sources lie
 * one level below it (`src/serverDir.ts`, run through tsx) and so do the production bundles
 * (`dist/main.js`, build.ts), so the files the server reads at run time — migrations, the built
 * client, the default data folder — are found the same way from either.
 */
export const SERVER_DIR = new URL('../', import.meta.url)
