/**
 * `/tisch/:token`: the one-time link a facilitator made for a table's shared laptop or tablet
 * (issue 19 §2). Opening it here — with one click, so a link opened by mistake takes nothing —
 * makes this browser the table's device and opens the list view, which says so.
 */
import { useState } from 'react'
import { ApiError } from '../api/http.ts'
import { refreshSession, useSession } from '../api/session.ts'
import { tablesApi } from '../api/tables.ts'
import { useT } from '../i18n/LangProvider.tsx'
import { navigate } from '../router.ts'
import { errorMessage } from '../ui/errors.ts'
import { FormMessage } from '../ui/Field.tsx'
import { Page } from '../ui/Page.tsx'

export function TableClaimPage({ token }: { token: string }) {
  const t = useT()
  const session = useSession()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const facilitator = session.status === 'ready' && session.me?.kind === 'facilitator'

  const claim = async () => {
    setBusy(true)
    setError(null)
    try {
      const { boardId } = await tablesApi.claim(token)
      await refreshSession()
      navigate(`/l/${encodeURIComponent(boardId)}`, { replace: true })
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.code === 'invalid_table_link'
          ? t('tableDevice.invalid')
          : errorMessage(t, caught),
      )
      setBusy(false)
    }
  }

  return (
    <Page title={t('tableDevice.title')}>
      <p>{t('tableDevice.body')}</p>
      {facilitator ? <p className="iw-hint">{t('tableDevice.signedIn')}</p> : null}
      <button
        type="button"
        className="iw-button iw-button-primary"
        disabled={busy}
        onClick={() => void claim()}
        data-testid="table-claim"
      >
        {t('tableDevice.use')}
      </button>
      {error ? <FormMessage kind="error">{error}</FormMessage> : null}
    </Page>
  )
}
