/** A read-only URL with a copy button; the confirmation is announced politely. */
import { useId, useState } from 'react'
import { useT } from '../i18n/LangProvider.tsx'

export function CopyField({
  label,
  value,
  testId,
}: {
  label: string
  value: string
  testId?: string
}) {
  const t = useT()
  const id = useId()
  const [copied, setCopied] = useState(false)
  return (
    <div className="iw-field">
      <label htmlFor={id}>{label}</label>
      <div className="iw-row">
        <input
          id={id}
          className="iw-grow"
          readOnly
          value={value}
          data-testid={testId}
          onFocus={(e) => e.target.select()}
        />
        <button
          type="button"
          className="iw-button"
          onClick={() => {
            navigator.clipboard?.writeText(value).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }}
        >
          {t('common.copy')}
        </button>
      </div>
      <span className="iw-hint" role="status">
        {copied ? t('common.copied') : ''}
      </span>
    </div>
  )
}
