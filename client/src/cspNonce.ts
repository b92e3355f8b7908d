/**
 * The CSP nonce of this page: the server writes it into `<meta property="csp-nonce">` (Vite's
 * `html.cspNonce`, see vite.config.ts). Browsers hide a nonce from `getAttribute`, but the
 * `nonce` property still has it. Undefined in development (the dev server sends no CSP).
 */
export function cspNonce(): string | undefined {
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')
  const nonce = meta?.nonce || meta?.getAttribute('nonce') || undefined
  return nonce && !nonce.startsWith('__') ? nonce : undefined
}
