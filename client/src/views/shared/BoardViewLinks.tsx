/**
 * Links between the views of one board (canvas, phone, list, projector) — a small `<nav>` every
 * view shows, so nobody is stuck in a view that does not suit them (e.g. a screen-reader user
 * on the canvas finds "Listenansicht" at once), plus the accessibility statement. The canvas
 * page imports it too; tldraw-free.
 */

import { useT } from '../../i18n/LangProvider.tsx'
import { boardPath, listPath, phonePath, projectorPath } from '../../router.ts'
import { Link } from '../../ui/Link.tsx'

export type BoardView = 'canvas' | 'phone' | 'list' | 'projector'

export function BoardViewLinks({
  boardId,
  current,
  show = ['canvas', 'list', 'phone'],
  className,
}: {
  boardId: string
  current: BoardView
  show?: readonly BoardView[]
  className?: string
}) {
  const v = useT('views')
  const t = useT()
  const targets: Record<BoardView, { href: string; label: string; testId: string }> = {
    canvas: { href: boardPath(boardId), label: v('links.whiteboard'), testId: 'link-whiteboard' },
    list: { href: listPath(boardId), label: v('links.list'), testId: 'link-list' },
    phone: { href: phonePath(boardId), label: v('links.phone'), testId: 'link-phone' },
    projector: {
      href: projectorPath(boardId),
      label: v('links.projector'),
      testId: 'link-projector',
    },
  }
  return (
    <nav className={`iwv-links ${className ?? ''}`} aria-label={v('links.label')}>
      {show
        .filter((view) => view !== current)
        .map((view) => (
          <Link key={view} href={targets[view].href} data-testid={targets[view].testId}>
            {targets[view].label}
          </Link>
        ))}
      {/* BITV 2.0: the accessibility statement is linked from every page and view. */}
      <Link href="/barrierefreiheit">{t('footer.accessibility')}</Link>
    </nav>
  )
}
