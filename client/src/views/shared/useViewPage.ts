/**
 * Page basics every view shares: `document.title`, the heading that takes the focus after an
 * in-app navigation (WCAG 2.4.3), and the read-only mode of a viewer's connection (a viewer's
 * writes are never acked, so "up to date" must count as saved).
 */
import { useEffect, useRef } from 'react'
import type { BoardConnection } from '../../board/BoardConnection.ts'
import { useT } from '../../i18n/LangProvider.tsx'
import { hasNavigated } from '../../router.ts'

export function useViewPage(
  title: string,
  connection: BoardConnection | null,
  viewer: boolean,
): React.RefObject<HTMLHeadingElement | null> {
  const t = useT()
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    document.title = `${title} – ${t('appName')}`
  }, [title, t])
  useEffect(() => {
    if (hasNavigated()) heading.current?.focus()
  }, [])
  useEffect(() => {
    connection?.setReadOnly(viewer)
  }, [connection, viewer])
  return heading
}
