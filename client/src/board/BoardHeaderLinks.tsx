/**
 * The whiteboard header's links to the list view, the phone view and the accessibility
 * statement (what `BoardViewLinks` gives every other view), as icons with their names as
 * tooltip and accessible name, so the header fits one row on a 1366 px laptop (issue 16).
 */
import type { ReactNode } from 'react'
import { useT } from '../i18n/LangProvider.tsx'
import { listPath, phonePath } from '../router.ts'
import { Link } from '../ui/Link.tsx'

const icon = (path: ReactNode) => (
  <svg
    viewBox="0 0 24 24"
    width="22"
    height="22"
    fill="none"
    stroke="currentColor"
    strokeWidth="2"
    strokeLinecap="round"
    strokeLinejoin="round"
    aria-hidden="true"
  >
    {path}
  </svg>
)

const ICONS = {
  list: icon(<path d="M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01" />),
  phone: icon(
    <>
      <rect x="6" y="2" width="12" height="20" rx="2" />
      <path d="M11 18h2" />
    </>,
  ),
  accessibility: icon(
    <>
      <circle cx="12" cy="4.5" r="1.5" />
      <path d="M5 8.5l7 1.5 7-1.5M12 10v4.5M12 14.5l-3 6M12 14.5l3 6" />
    </>,
  ),
}

export function BoardHeaderLinks({ boardId }: { boardId: string }) {
  const v = useT('views')
  const t = useT()
  const links = [
    { href: listPath(boardId), label: v('links.list'), testId: 'link-list', icon: ICONS.list },
    { href: phonePath(boardId), label: v('links.phone'), testId: 'link-phone', icon: ICONS.phone },
    {
      href: '/barrierefreiheit',
      label: t('footer.accessibility'),
      testId: 'link-accessibility',
      icon: ICONS.accessibility,
    },
  ]
  return (
    <nav className="iw-header-links" aria-label={v('links.label')}>
      {links.map((link) => (
        <Link key={link.testId} href={link.href} data-testid={link.testId} title={link.label}>
          {link.icon}
          <span className="iw-visually-hidden">{link.label}</span>
        </Link>
      ))}
    </nav>
  )
}
