/**
 * A warning for the facilitator when join links and QR codes point at this computer
 * (`localhost`, `127.0.0.1`, `::1`): a phone that scans them opens itself, not the server. It
 * says how to fix it: open the page through the server's address in the network, or set
 * `PUBLIC_URL` (README). Shown on screen only, never printed.
 */
import { useT } from '../i18n/LangProvider.tsx'

/** Whether `url` names this computer rather than an address phones can reach. */
export function pointsAtThisComputer(url: string): boolean {
  let host: string
  try {
    host = new URL(url).hostname.toLowerCase()
  } catch {
    return false
  }
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    host === '0.0.0.0' ||
    /^127\.\d+\.\d+\.\d+$/.test(host)
  )
}

export function LocalLinkWarning({ url }: { url: string }) {
  const t = useT()
  if (!pointsAtThisComputer(url)) return null
  const host = new URL(url).host
  return (
    <div className="iw-warning iw-no-print" role="note" data-testid="local-link-warning">
      <p>
        <strong>{t('invites.localTitle')}</strong> {t('invites.localBody', { host })}
      </p>
      <p>{t('invites.localFix')}</p>
    </div>
  )
}
