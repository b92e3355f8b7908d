/**
 * What the board's gates show before access is granted — one copy for the whiteboard
 * (`BoardGate`, `/b`) and the phone, projector and list views (`ViewGate`): the states of an
 * access check, the answer an access refusal turns into ({@link refusedGate}), and the screens for
 * checking, sign-in (401), the lobby (waiting for admission), not found (404) and other errors
 * ({@link AccessScreen}). No tldraw here: the phone build and the gate load without it.
 */
import type { TFunction } from 'i18next'
import { ApiError } from '../../api/http.ts'
import { useT } from '../../i18n/LangProvider.tsx'
import { LobbyScreen } from '../../join/LobbyScreen.tsx'
import { errorMessage } from '../../ui/errors.ts'
import { FormMessage } from '../../ui/Field.tsx'
import { Link } from '../../ui/Link.tsx'
import { Page } from '../../ui/Page.tsx'

/** An access check that has not (or not yet) granted access. */
export type PendingGate =
  | { readonly kind: 'checking' }
  | { readonly kind: 'signIn' }
  | { readonly kind: 'waiting' }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'error'; readonly message: string }

/** The state of an access check; `Granted` is what the gate passes on once it is ready. */
export type Gate<Granted> = PendingGate | ({ readonly kind: 'ready' } & Granted)

/** What an access check that failed with `error` shows. */
export function refusedGate(t: TFunction<'common'>, error: unknown): PendingGate {
  if (error instanceof ApiError && error.status === 401) return { kind: 'signIn' }
  if (error instanceof ApiError && error.code === 'waiting_for_admission')
    return { kind: 'waiting' }
  if (error instanceof ApiError && error.status === 404) return { kind: 'notFound' }
  return { kind: 'error', message: errorMessage(t, error) }
}

/** "Loading the board", while the access check or the board's code loads. */
export function BoardLoading() {
  const t = useT()
  return (
    <main className="iw-loading" aria-busy="true">
      {t('loadingBoard')}
    </main>
  )
}

export interface AccessScreenProps {
  gate: PendingGate
  /** The path of this view, for "sign in and come back". */
  returnPath: string
  /** Checks again: after admission from the lobby, or "retry" after an error. */
  onRetry: () => void
}

export function AccessScreen({ gate, returnPath, onRetry }: AccessScreenProps) {
  const t = useT()
  switch (gate.kind) {
    case 'checking':
      return <BoardLoading />
    case 'signIn':
      return (
        <Page title={t('board.signInTitle')}>
          <p>{t('board.signInBody')}</p>
          <div className="iw-row iw-row-wrap">
            <Link className="iw-button iw-button-primary" href="/join">
              {t('start.joinHeading')}
            </Link>
            <Link className="iw-button" href={`/login?next=${encodeURIComponent(returnPath)}`}>
              {t('nav.login')}
            </Link>
          </div>
        </Page>
      )
    case 'waiting':
      return (
        <Page title={t('lobby.title')}>
          <LobbyScreen onAdmitted={onRetry} />
        </Page>
      )
    case 'notFound':
      return (
        <Page title={t('board.notFoundTitle')}>
          <p>{t('board.notFoundBody')}</p>
          <Link href="/">{t('backToStart')}</Link>
        </Page>
      )
    case 'error':
      return (
        <Page title={t('board.notFoundTitle')}>
          <FormMessage kind="error">{gate.message}</FormMessage>
          <button type="button" className="iw-button" onClick={onRetry}>
            {t('common.retry')}
          </button>
        </Page>
      )
  }
}
