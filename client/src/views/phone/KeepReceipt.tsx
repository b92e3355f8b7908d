/**
 * "Beleg behalten" (issue 20 §4): asks the server for a link to this person's receipt — their
 * own ideas and what became of them, readable after the session has ended — and shows it with a
 * copy button and a link to open it (the page carries its own QR code). Participants only.
 */
import { useState } from 'react'
import { apiJson, type Schema } from '../../api/http.ts'
import { useT } from '../../i18n/LangProvider.tsx'
import { CopyField } from '../../ui/CopyField.tsx'
import { errorMessage } from '../../ui/errors.ts'
import { FormMessage } from '../../ui/Field.tsx'

const Receipt: Schema<{ url: string }> = {
  safeParse(value) {
    const url = (value as { url?: unknown } | null)?.url
    return typeof url === 'string' && /^https?:\/\//.test(url)
      ? { success: true, data: { url } }
      : { success: false, error: { message: 'expected url' } }
  },
}

export function KeepReceipt() {
  const t = useT()
  const [url, setUrl] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  return (
    <section className="iwv-section" aria-labelledby="iwv-receipt">
      <h2 id="iwv-receipt">{t('receipt.heading')}</h2>
      <p className="iw-muted">{t('receipt.hint')}</p>
      {url ? (
        <>
          <CopyField label={t('receipt.link')} value={url} testId="receipt-url" />
          <p>
            <a href={url} target="_blank" rel="noreferrer">
              {t('receipt.open')}
            </a>
          </p>
        </>
      ) : (
        <button
          type="button"
          className="iw-button"
          data-testid="keep-receipt"
          onClick={() => {
            setError(null)
            apiJson('POST', '/me/receipt', Receipt).then(
              (r) => setUrl(r.url),
              (caught: unknown) => setError(errorMessage(t, caught)),
            )
          }}
        >
          {t('receipt.button')}
        </button>
      )}
      {error ? <FormMessage kind="error">{error}</FormMessage> : null}
    </section>
  )
}
