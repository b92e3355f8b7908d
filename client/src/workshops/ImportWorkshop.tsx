/**
 * Import a workshop from the open-data ZIP (or its `ideenwand-export.json`) that a facilitator
 * exported on a workshop page: to move it to another server or reuse it as a template.
 * Uploads the file as the raw body of `POST /api/workshops/import` and opens the new workshop.
 */
import { ApiErrorBody } from '@ideenwand/protocol'
import { type FormEvent, useId, useState } from 'react'
import { ApiError } from '../api/http.ts'
import { useT } from '../i18n/LangProvider.tsx'
import { navigate, workshopPath } from '../router.ts'
import { errorMessage } from '../ui/errors.ts'
import { FormMessage } from '../ui/Field.tsx'

/** The server's limit (`MAX_IMPORT_BYTES`); bigger files are refused before uploading. */
const MAX_IMPORT_BYTES = 20 * 1024 * 1024

/** The server's refusals of an import (server/src/outcome/, docs/security.md), each explained. */
const REFUSALS = {
  body_too_large: 'workshops.importTooLarge',
  import_unpacks_too_large: 'workshops.importUnpacksTooLarge',
  import_too_many_entries: 'workshops.importTooManyEntries',
  import_overlapping_entries: 'workshops.importOverlappingEntries',
  import_too_deep: 'workshops.importTooDeep',
  import_too_many_ideas: 'workshops.importTooManyIdeas',
  import_board_too_large: 'workshops.importBoardTooLarge',
  import_too_large: 'workshops.importNeedsTooMuchMemory',
  import_timeout: 'workshops.importTimeout',
  import_busy: 'workshops.importBusy',
} as const

function isRefusal(code: string): code is keyof typeof REFUSALS {
  return Object.hasOwn(REFUSALS, code)
}

function contentType(file: File): string {
  const name = file.name.toLowerCase()
  if (name.endsWith('.json')) return 'application/json'
  if (name.endsWith('.zip')) return 'application/zip'
  return file.type.includes('json') ? 'application/json' : 'application/zip'
}

async function uploadImport(file: File): Promise<{ id: string; boardId: string }> {
  let response: Response
  try {
    response = await fetch('/api/workshops/import', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': contentType(file) },
      body: file,
    })
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached')
  }
  const body: unknown = await response.json().catch(() => undefined)
  if (!response.ok) {
    const parsed = ApiErrorBody.safeParse(body)
    if (parsed.success) {
      throw new ApiError(response.status, parsed.data.error.code, parsed.data.error.message)
    }
    throw new ApiError(response.status, 'unknown', response.statusText)
  }
  const created = body as { id?: unknown; boardId?: unknown } | undefined
  if (typeof created?.id !== 'string' || typeof created.boardId !== 'string') {
    throw new ApiError(response.status, 'bad_response', 'expected { id, boardId }')
  }
  return { id: created.id, boardId: created.boardId }
}

export function ImportWorkshop() {
  const t = useT()
  const ids = useId()
  const [file, setFile] = useState<File | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const describe = (caught: unknown): string => {
    if (caught instanceof ApiError) {
      if (isRefusal(caught.code)) return t(REFUSALS[caught.code])
      if (caught.code === 'invalid_import') {
        return t('workshops.importInvalid', { detail: caught.message })
      }
      if (caught.status === 413) return t('workshops.importTooLarge')
    }
    return errorMessage(t, caught)
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy) return
    if (!file) return setError(t('workshops.importChooseFile'))
    if (file.size > MAX_IMPORT_BYTES) return setError(t('workshops.importTooLarge'))
    setBusy(true)
    setError(null)
    try {
      const created = await uploadImport(file)
      navigate(workshopPath(created.id))
    } catch (caught) {
      setError(describe(caught))
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby={`${ids}-h`} className="iw-card" data-testid="import-workshop">
      <h2 id={`${ids}-h`}>{t('workshops.importHeading')}</h2>
      <p id={`${ids}-intro`} className="iw-muted">
        {t('workshops.importIntro')}
      </p>
      <form className="iw-form" onSubmit={(event) => void submit(event)} noValidate>
        <div className="iw-field">
          <label htmlFor={`${ids}-file`}>{t('workshops.importFile')}</label>
          <input
            id={`${ids}-file`}
            type="file"
            accept=".zip,.json,application/zip,application/json"
            aria-describedby={`${ids}-intro`}
            aria-invalid={error ? true : undefined}
            disabled={busy}
            data-testid="import-file"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null)
              setError(null)
            }}
          />
        </div>
        {error ? <FormMessage kind="error">{error}</FormMessage> : null}
        <button
          type="submit"
          className="iw-button"
          disabled={busy}
          aria-busy={busy || undefined}
          data-testid="import-submit"
        >
          {busy ? t('workshops.importing') : t('workshops.importSubmit')}
        </button>
      </form>
    </section>
  )
}
