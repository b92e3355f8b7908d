// zod (in @ideenwand/protocol) compiles parsers with `new Function` and probes for that while the
// app's modules load; the CSP has no 'unsafe-eval', so even the caught probe is reported as a
// violation. Jitless mode skips both. A classic script runs before the (deferred) module scripts,
// and zod picks up this global object when it loads. See docs/security.md.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, {
  jitless: true,
})
