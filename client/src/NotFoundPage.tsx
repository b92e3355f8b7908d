/** Fallback for unknown paths. */
import { useT } from './i18n/LangProvider.tsx'
import { navigate } from './router.ts'

export function NotFoundPage() {
  const t = useT()
  return (
    <main className="iw-page">
      <h1>{t.notFoundTitle}</h1>
      <p>{t.notFoundBody}</p>
      <a
        href="/"
        onClick={(event) => {
          event.preventDefault()
          navigate('/')
        }}
      >
        {t.backToStart}
      </a>
    </main>
  )
}
