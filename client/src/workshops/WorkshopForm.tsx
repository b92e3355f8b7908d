/**
 * The workshop fields (title, date, place, description, language, video-call link, lobby), used
 * to create a workshop and to edit one. Validates like the server's `WorkshopInput`.
 */
import { type FormEvent, useId, useRef, useState } from 'react'
import type { WorkshopFields, WorkshopLanguage } from '../api/endpoints.ts'
import { useT } from '../i18n/LangProvider.tsx'
import { LANGS } from '../i18n/lang.ts'
import { Field, FormMessage } from '../ui/Field.tsx'
import {
  type FieldErrors,
  focusFirstInvalid,
  hasErrors,
  isHttpUrl,
  useAction,
} from '../ui/forms.ts'

interface Values {
  title: string
  date: string
  place: string
  description: string
  language: WorkshopLanguage
  videoUrl: string
  lobby: boolean
}

export function emptyWorkshop(language: WorkshopLanguage): WorkshopFields {
  return {
    title: '',
    date: null,
    place: null,
    description: '',
    language,
    videoUrl: null,
    lobby: false,
  }
}

export function WorkshopForm({
  initial,
  submitLabel,
  onSubmit,
  resetAfterSubmit,
  testId,
}: {
  initial: WorkshopFields
  submitLabel: string
  onSubmit: (fields: WorkshopFields) => Promise<void>
  resetAfterSubmit?: boolean
  testId?: string
}) {
  const t = useT()
  const toValues = (w: WorkshopFields): Values => ({
    ...w,
    date: w.date ?? '',
    place: w.place ?? '',
    videoUrl: w.videoUrl ?? '',
  })
  const [values, setValues] = useState<Values>(() => toValues(initial))
  const [errors, setErrors] = useState<FieldErrors<'title' | 'videoUrl' | 'date'>>({})
  const [saved, setSaved] = useState(false)
  const action = useAction()
  const form = useRef<HTMLFormElement>(null)
  const languageId = useId()
  const lobbyHintId = useId()

  const set =
    <K extends keyof Values>(key: K) =>
    (value: Values[K]) => {
      setValues((v) => ({ ...v, [key]: value }))
      setErrors((e) => ({ ...e, [key]: undefined }))
      setSaved(false)
    }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const next: FieldErrors<'title' | 'videoUrl' | 'date'> = {
      title: values.title.trim() ? undefined : t('errors.required'),
      videoUrl: !values.videoUrl.trim() || isHttpUrl(values.videoUrl) ? undefined : t('errors.url'),
      date:
        !values.date || /^\d{4}-\d{2}-\d{2}$/.test(values.date) ? undefined : t('errors.required'),
    }
    setErrors(next)
    if (hasErrors(next)) return focusFirstInvalid(form.current)
    void action.run(async () => {
      await onSubmit({
        title: values.title.trim(),
        date: values.date || null,
        place: values.place.trim() || null,
        description: values.description.trim(),
        language: values.language,
        videoUrl: values.videoUrl.trim() || null,
        lobby: values.lobby,
      })
      if (resetAfterSubmit) setValues(toValues(initial))
      else setSaved(true)
    })
  }

  return (
    <form ref={form} className="iw-form" onSubmit={submit} noValidate data-testid={testId}>
      <Field
        label={t('fields.title')}
        value={values.title}
        onValue={set('title')}
        error={errors.title}
        required
        maxLength={200}
        data-testid="workshop-title"
      />
      <div className="iw-row iw-row-wrap">
        <Field
          label={t('fields.date')}
          type="date"
          value={values.date}
          onValue={set('date')}
          error={errors.date}
        />
        <Field
          label={t('fields.place')}
          value={values.place}
          onValue={set('place')}
          maxLength={200}
          className="iw-grow"
        />
      </div>
      <Field
        label={t('fields.description')}
        multiline
        value={values.description}
        onValue={set('description')}
        maxLength={5000}
      />
      <div className="iw-field">
        <label htmlFor={languageId}>{t('fields.language')}</label>
        <select
          id={languageId}
          value={values.language}
          onChange={(event) => {
            const lang = LANGS.find((l) => l === event.target.value)
            if (lang) set('language')(lang)
          }}
        >
          {LANGS.map((l) => (
            <option key={l} value={l}>
              {t(`langName.${l}`)}
            </option>
          ))}
        </select>
      </div>
      <Field
        label={t('fields.videoUrl')}
        type="url"
        inputMode="url"
        placeholder="https://"
        value={values.videoUrl}
        onValue={set('videoUrl')}
        error={errors.videoUrl}
        hint={t('fields.videoUrlHint')}
        maxLength={500}
      />
      <div className="iw-check">
        <input
          type="checkbox"
          id={`${lobbyHintId}-box`}
          checked={values.lobby}
          aria-describedby={lobbyHintId}
          onChange={(event) => set('lobby')(event.target.checked)}
          data-testid="workshop-lobby"
        />
        <label htmlFor={`${lobbyHintId}-box`}>{t('fields.lobby')}</label>
        <p id={lobbyHintId} className="iw-hint">
          {t('fields.lobbyHint')}
        </p>
      </div>
      {hasErrors(errors) ? <FormMessage kind="error">{t('errors.summary')}</FormMessage> : null}
      {action.error ? <FormMessage kind="error">{action.error}</FormMessage> : null}
      {saved ? <FormMessage kind="success">{t('common.saved')}</FormMessage> : null}
      <button type="submit" className="iw-button iw-button-primary" disabled={action.busy}>
        {submitLabel}
      </button>
    </form>
  )
}
