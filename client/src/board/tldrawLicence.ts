/**
 * Whether tldraw would hide its editor on this page for want of a licence key, so the board page
 * can show a notice (and the other views) instead of a blank canvas.
 *
 * Mirrors `LicenseManager.getIsDevelopment` in @tldraw/editor 5.4: a production build counts as
 * development (canvas shown, with a watermark) on plain `http:` and on `https:` loopback hosts
 * (localhost, 127.x.x.x, ::1); `*.localhost` counts as production in a production build. In
 * production without a key, tldraw replaces the editor by an empty element after five seconds.
 * A key that is present but invalid for this host is caught at run time (`isTldrawLicenceGate`).
 */

export interface LicenceSituation {
  /** `import.meta.env.VITE_TLDRAW_LICENSE_KEY` (baked in at build time). */
  readonly licenseKey: string | undefined
  /** `import.meta.env.PROD`: a production build. */
  readonly production: boolean
  readonly protocol: string
  readonly hostname: string
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host)
}

/** True when tldraw treats this page as production (no watermark fallback, a key is required). */
export function tldrawCountsAsProduction({
  production,
  protocol,
  hostname,
}: Omit<LicenceSituation, 'licenseKey'>): boolean {
  if (!production) return false
  if (hostname.toLowerCase().endsWith('.localhost')) return true
  if (protocol === 'http:') return false
  if (protocol === 'https:' && isLoopbackHost(hostname)) return false
  return true
}

/** True when the canvas would disappear: production as tldraw sees it, and no key. */
export function tldrawWouldHideCanvas(situation: LicenceSituation): boolean {
  return !situation.licenseKey?.trim() && tldrawCountsAsProduction(situation)
}

/** The situation of this page. */
export function currentLicenceSituation(): LicenceSituation {
  return {
    licenseKey: import.meta.env.VITE_TLDRAW_LICENSE_KEY,
    production: import.meta.env.PROD,
    protocol: window.location.protocol,
    hostname: window.location.hostname,
  }
}

/**
 * The empty element tldraw renders instead of the editor once it decided the licence is missing,
 * invalid for this host or expired (`LicenseGate` in @tldraw/editor).
 */
export const TLDRAW_LICENCE_GATE_SELECTOR = '[data-testid="tl-license-expired"]'
