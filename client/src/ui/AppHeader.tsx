/**
 * The header on every page: app name, navigation for facilitators, who is signed in, sign-out,
 * the language switch and, on the participants' pages, the switch "Leichte Sprache". Hidden when
 * printing.
 */
import { api } from '../api/endpoints.ts'
import { displayName, setSignedOut, useSession } from '../api/session.ts'
import { EasySwitch } from '../i18n/EasySwitch.tsx'
import { useT } from '../i18n/LangProvider.tsx'
import { LangSwitch } from '../i18n/LangSwitch.tsx'
import { navigate } from '../router.ts'
import { Link } from './Link.tsx'

export function useLogout(): () => Promise<void> {
  return async () => {
    try {
      await api.logout()
    } finally {
      setSignedOut()
      navigate('/')
    }
  }
}

/** Who is signed in, the facilitator links and sign-out; shared by the page and board headers. */
export function SessionControls() {
  const t = useT()
  const session = useSession()
  const logout = useLogout()
  if (session.status === 'loading') return null
  const me = session.me
  if (!me) {
    return (
      <Link className="iw-nav-link" href="/login">
        {t('nav.login')}
      </Link>
    )
  }
  const name = displayName(me, t('anonymous'))
  return (
    <>
      {me.kind === 'facilitator' ? (
        <>
          <Link className="iw-nav-link" href="/workshops">
            {t('nav.workshops')}
          </Link>
          <Link className="iw-nav-link" href="/account">
            {t('nav.account')}
          </Link>
        </>
      ) : null}
      <span className="iw-signed-in" data-testid="signed-in-name">
        {me.kind === 'facilitator'
          ? t('nav.signedInAs', { name })
          : t('nav.guestIn', { name, workshop: me.workshop.title })}
      </span>
      <button type="button" className="iw-button iw-button-small" onClick={() => void logout()}>
        {t('nav.logout')}
      </button>
    </>
  )
}

/** `easySwitch`: the switch "Leichte Sprache" next to the language (the participants' pages). */
export function AppHeader({ easySwitch = false }: { easySwitch?: boolean }) {
  const t = useT()
  const session = useSession()
  const home = session.status === 'ready' && session.me?.kind === 'facilitator' ? '/workshops' : '/'
  return (
    <header className="iw-app-header">
      <Link className="iw-brand" href={home}>
        {t('appName')}
      </Link>
      <nav className="iw-nav" aria-label={t('nav.label')}>
        <SessionControls />
      </nav>
      <LangSwitch />
      {easySwitch ? <EasySwitch /> : null}
    </header>
  )
}
