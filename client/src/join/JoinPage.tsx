/**
 * `/join` and `/join/:code`: type a code → see which workshop it is → give a display name or join
 * anonymously → (lobby, if the workshop has one) → the board.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { api, type JoinPreview } from '../api/endpoints.ts'
import { refreshSession } from '../api/session.ts'
import { useLang, useT } from '../i18n/LangProvider.tsx'
import { CodeForm } from '../pages/StartPage.tsx'
import { EASY_START_PATH, navigate } from '../router.ts'
import { EasyReadLink } from '../ui/EasyReadLink.tsx'
import { errorMessage } from '../ui/errors.ts'
import { Field, FormMessage } from '../ui/Field.tsx'
import { formatDay } from '../ui/format.ts'
import { useAction } from '../ui/forms.ts'
import { Link } from '../ui/Link.tsx'
import { Page } from '../ui/Page.tsx'
import { landingPath } from '../views/shared/landing.ts'
import { deviceChannel, firstOpening } from './deviceChannel.ts'
import { LobbyScreen } from './LobbyScreen.tsx'

type Step =
  | { readonly kind: 'loading' }
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'preview'; readonly preview: JoinPreview }
  | { readonly kind: 'lobby'; readonly boardId: string; readonly role: 'participant' | 'viewer' }

function JoinForm({
  code,
  preview,
  onLobby,
}: {
  code: string
  preview: JoinPreview
  onLobby: (boardId: string, role: 'participant' | 'viewer') => void
}) {
  const { lang } = useLang()
  const t = useT()
  const [name, setName] = useState('')
  const [nameError, setNameError] = useState<string | null>(null)
  const action = useAction()
  const join = (displayName: string) =>
    void action.run(async () => {
      const result = await api.join(code, displayName, deviceChannel())
      await refreshSession()
      if (result.status === 'waiting') onLobby(result.boardId, result.role)
      else navigate(landingPath(result.boardId, result.role), { replace: true })
    })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!name.trim()) {
      setNameError(t('join.nameRequired'))
      ;(event.currentTarget as HTMLFormElement).querySelector('input')?.focus()
      return
    }
    join(name.trim())
  }
  return (
    <>
      <section
        className="iw-card iw-preview"
        aria-labelledby="iw-preview-title"
        data-testid="join-preview"
      >
        <h2 id="iw-preview-title">{preview.title}</h2>
        <p className="iw-muted">
          {[preview.date ? formatDay(preview.date, lang) : null, preview.place]
            .filter(Boolean)
            .join(' · ')}
        </p>
        <p>{t(`join.role.${preview.role}`)}</p>
      </section>
      <form className="iw-form" onSubmit={submit} noValidate data-testid="join-form">
        <Field
          label={t('join.nameLabel')}
          hint={t(preview.role === 'viewer' ? 'join.nameHintViewer' : 'join.nameHint')}
          value={name}
          error={nameError}
          onValue={(value) => {
            setName(value)
            setNameError(null)
          }}
          autoComplete="nickname"
          maxLength={80}
          data-testid="join-name"
        />
        {action.error ? <FormMessage kind="error">{action.error}</FormMessage> : null}
        <div className="iw-row iw-row-wrap">
          <button
            type="submit"
            className="iw-button iw-button-primary iw-button-large"
            disabled={action.busy}
            data-testid="join-submit"
          >
            {t('join.join')}
          </button>
          <button
            type="button"
            className="iw-button iw-button-large"
            disabled={action.busy}
            onClick={() => join('')}
            data-testid="join-anonymous"
          >
            {t('join.joinAnonymous')}
          </button>
        </div>
      </form>
    </>
  )
}

export function JoinPage({ code }: { code: string | null }) {
  const t = useT()
  // Read when a preview fails: switching the language or Leichte Sprache must not fetch the
  // preview again (the form would lose the name typed so far).
  const tNow = useRef(t)
  tNow.current = t
  const [step, setStep] = useState<Step>({ kind: 'loading' })

  useEffect(() => {
    if (!code) return
    let cancelled = false
    setStep({ kind: 'loading' })
    api.joinPreview(code, firstOpening(code)).then(
      (preview) => {
        if (!cancelled) setStep({ kind: 'preview', preview })
      },
      (error: unknown) => {
        if (!cancelled) setStep({ kind: 'invalid', message: errorMessage(tNow.current, error) })
      },
    )
    return () => {
      cancelled = true
    }
  }, [code])

  if (step.kind === 'lobby') {
    return (
      <Page title={t('lobby.title')}>
        <LobbyScreen
          onAdmitted={() => navigate(landingPath(step.boardId, step.role), { replace: true })}
        />
      </Page>
    )
  }
  return (
    <Page title={t('join.title')} easySwitch>
      <EasyReadLink href={EASY_START_PATH} />
      {!code ? (
        <CodeForm />
      ) : step.kind === 'loading' ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : step.kind === 'invalid' ? (
        <>
          <FormMessage kind="error" testId="join-error">
            {step.message}
          </FormMessage>
          <CodeForm initial={code} />
        </>
      ) : (
        <>
          <JoinForm
            code={code}
            preview={step.preview}
            onLobby={(boardId, role) => setStep({ kind: 'lobby', boardId, role })}
          />
          <p>
            <Link href="/join">{t('join.otherCode')}</Link>
          </p>
        </>
      )}
    </Page>
  )
}
