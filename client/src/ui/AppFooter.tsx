/**
 * The footer on every page and view: the accessibility statement (BITV 2.0 requires a link from
 * every page), the facilitator guide and the pages in Leichte Sprache. Hidden when printing.
 */
import { useT } from '../i18n/LangProvider.tsx'
import { EASY_START_PATH } from '../router.ts'
import { Link } from './Link.tsx'

export function AppFooter() {
  const t = useT()
  return (
    <footer className="iw-app-footer">
      <nav aria-label={t('footer.label')}>
        <Link href="/barrierefreiheit">{t('footer.accessibility')}</Link>
        <Link href="/datenschutz">{t('footer.privacy')}</Link>
        <Link href="/hilfe">{t('footer.help')}</Link>
        <Link href={EASY_START_PATH}>{t('easyRead.switch')}</Link>
      </nav>
    </footer>
  )
}
