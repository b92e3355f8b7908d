/**
 * "Delete my contributions and leave" — a guest's right to erasure, in every participant view:
 * their ideas leave the board (and the stored history), their open-round dots and name go too.
 */
import { useState } from 'react'
import { apiJson, type Schema } from '../../api/http.ts'
import { useT } from '../../i18n/LangProvider.tsx'
import { ConfirmButton } from '../../ui/ConfirmButton.tsx'
import { errorMessage } from '../../ui/errors.ts'
import { FormMessage } from '../../ui/Field.tsx'

const Forgotten: Schema<{ deletedIdeas: number }> = {
  safeParse(value) {
    const v = value as { deletedIdeas?: unknown } | null
    return typeof v?.deletedIdeas === 'number'
      ? { success: true, data: { deletedIdeas: v.deletedIdeas } }
      : { success: false, error: { message: 'expected deletedIdeas' } }
  },
}

export function ForgetMe() {
  const t = useT()
  const [error, setError] = useState<string | null>(null)
  return (
    <div className="iwv-forget">
      <ConfirmButton
        danger
        question={t('forget.question')}
        confirmLabel={t('forget.confirm')}
        testId="forget-me"
        onConfirm={() => {
          apiJson('POST', '/me/forget', Forgotten).then(
            () => window.location.assign('/'),
            (caught: unknown) => setError(errorMessage(t, caught)),
          )
        }}
      >
        {t('forget.button')}
      </ConfirmButton>
      {error ? <FormMessage kind="error">{error}</FormMessage> : null}
    </div>
  )
}
