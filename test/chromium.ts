/**
 * Debian's Chromium as the test browser (Playwright cannot download its own here), with the
 * switches that keep it from calling any other host or needing a GPU or a sandbox.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
]
