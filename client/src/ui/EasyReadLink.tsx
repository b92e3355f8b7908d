/**
 * The link to the pages in Leichte Sprache ("Easy Read"), shown prominently where participants
 * start: the join page, the phone view and the list view. On the phone build the link is a page
 * load (phoneMain.tsx), since the pages live in the main build.
 */
import { useT } from '../i18n/LangProvider.tsx'
import { EASY_HOW_PATH } from '../router.ts'
import { Link } from './Link.tsx'

export function EasyReadLink({ href = EASY_HOW_PATH }: { href?: string }) {
  const t = useT()
  return (
    <p className="iw-easy-link">
      <Link href={href} data-testid="easy-read-link">
        {t(href === EASY_HOW_PATH ? 'easyRead.howLink' : 'easyRead.link')}
      </Link>
    </p>
  )
}
