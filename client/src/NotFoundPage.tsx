/** Fallback for unknown paths. */
import { useT } from './i18n/LangProvider.tsx'
import { Link } from './ui/Link.tsx'
import { Page } from './ui/Page.tsx'

export function NotFoundPage() {
  const t = useT()
  return (
    <Page title={t('notFoundTitle')}>
      <p>{t('notFoundBody')}</p>
      <Link href="/">{t('backToStart')}</Link>
    </Page>
  )
}
