/**
 * Start page: residents type their invite code (the main action); facilitators find the sign-in.
 * Sends a fresh installation to /setup and a signed-in facilitator to /workshops.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { api } from '../api/endpoints.ts'
import { useSession } from '../api/session.ts'
import { useT } from '../i18n/LangProvider.tsx'
import { boardPath, joinPath, navigate } from '../router.ts'
import { Field } from '../ui/Field.tsx'
import { Link } from '../ui/Link.tsx'
import { Page } from '../ui/Page.tsx'

/** What a person typed as a code, without spaces; the server normalises the rest. */
export function compactCode(input: string): string {
  return input.trim().toUpperCase().replace(/\s+/g, '')
}
export const CODE_PATTERN = /^[A-Z0-9_-]{4,20}$/

export function CodeForm({ initial = '' }: { initial?: string }) {
  const t = useT()
  const [code, setCode] = useState(initial)
  const [error, setError] = useState<string | null>(null)
  const form = useRef<HTMLFormElement>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const compact = compactCode(code)
    if (!CODE_PATTERN.test(compact)) {
      setError(compact ? t('errors.invalidCode') : t('errors.required'))
      form.current?.querySelector('input')?.focus()
      return
    }
    navigate(joinPath(compact))
  }
  return (
    <form
      ref={form}
      className="iw-form iw-code-form"
      onSubmit={submit}
      noValidate
      data-testid="code-form"
    >
      <div className="iw-row iw-row-end">
        <Field
          className="iw-code-field"
          label={t('start.codeLabel')}
          hint={t('start.codeHint')}
          error={error}
          value={code}
          onValue={(value) => {
            setCode(value)
            setError(null)
          }}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={20}
          data-testid="join-code"
        />
        <button type="submit" className="iw-button iw-button-primary iw-button-large">
          {t('start.join')}
        </button>
      </div>
    </form>
  )
}

export function StartPage() {
  const t = useT()
  const session = useSession()

  useEffect(() => {
    let cancelled = false
    api.setupNeeded().then(
      ({ needed }) => {
        if (needed && !cancelled) navigate('/setup', { replace: true })
      },
      () => {},
    )
    return () => {
      cancelled = true
    }
  }, [])
  const me = session.status === 'ready' ? session.me : null
  useEffect(() => {
    if (me?.kind === 'facilitator') navigate('/workshops', { replace: true })
  }, [me])

  return (
    <Page title={t('appName')} className="iw-start">
      <p className="iw-tagline">{t('tagline')}</p>
      <section className="iw-card iw-join-box" aria-labelledby="iw-join-heading">
        <h2 id="iw-join-heading">{t('start.joinHeading')}</h2>
        <p>{t('start.joinIntro')}</p>
        <CodeForm />
        {me?.kind === 'guest' ? (
          <p>
            <Link href={boardPath(me.guest.boardId)}>
              {t('start.continueBoard', { title: me.workshop.title })}
            </Link>
          </p>
        ) : null}
      </section>
      <p>{t('intro')}</p>
      <section aria-labelledby="iw-facilitator-heading">
        <h2 id="iw-facilitator-heading">{t('start.facilitatorHeading')}</h2>
        <p>{t('start.facilitatorIntro')}</p>
        <Link className="iw-button" href="/login">
          {t('nav.login')}
        </Link>
      </section>
    </Page>
  )
}
