/**
 * The top of the phone and list views: the brand (or the workshop's name), the connection badge,
 * the language and easy-language switches, and under it the banner that explains a closed
 * connection.
 */
import type { ConnectionSnapshot } from '../../board/BoardConnection.ts'
import { EasySwitch } from '../../i18n/EasySwitch.tsx'
import { LangSwitch } from '../../i18n/LangSwitch.tsx'
import { ConnectionBadge, ConnectionBanner } from './ConnectionBadge.tsx'

export function ViewHeader({
  snapshot,
  brand = 'Ideenwand',
}: {
  snapshot: ConnectionSnapshot
  brand?: string
}) {
  return (
    <>
      <header className="iwv-phone-header">
        <span className="iw-brand">{brand}</span>
        <ConnectionBadge snapshot={snapshot} />
        <LangSwitch />
        <EasySwitch />
      </header>
      <ConnectionBanner snapshot={snapshot} />
    </>
  )
}
