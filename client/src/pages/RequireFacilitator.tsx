/** Renders its children for a signed-in facilitator; otherwise sends to /login?next=here. */
import { type ReactNode, useEffect } from 'react'
import { useSession } from '../api/session.ts'
import { useT } from '../i18n/LangProvider.tsx'
import { navigate } from '../router.ts'

export function RequireFacilitator({ children }: { children: ReactNode }) {
  const t = useT()
  const session = useSession()
  const allowed = session.status === 'ready' && session.me?.kind === 'facilitator'
  useEffect(() => {
    if (session.status === 'ready' && !allowed) {
      navigate(`/login?next=${encodeURIComponent(window.location.pathname)}`, { replace: true })
    }
  }, [session.status, allowed])
  if (!allowed) return <p aria-busy="true">{t('loading')}</p>
  return <>{children}</>
}
