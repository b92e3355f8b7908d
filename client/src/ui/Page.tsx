/**
 * Frame of every page except the board: header, one `<main>` with the page's `<h1>`, and the
 * document title. After an in-app navigation the heading takes the focus, so screen-reader and
 * keyboard users start on the new page (WCAG 2.4.3).
 */
import { type ReactNode, useEffect, useRef } from 'react'
import { useT } from '../i18n/LangProvider.tsx'
import { hasNavigated } from '../router.ts'
import { AppFooter } from './AppFooter.tsx'
import { AppHeader } from './AppHeader.tsx'

export function usePageTitle(title: string): void {
  const t = useT()
  useEffect(() => {
    document.title = title === t('appName') ? t('appName') : `${title} – ${t('appName')}`
  }, [title, t])
}

export function Page({
  title,
  children,
  className,
  wide,
  easySwitch,
}: {
  title: string
  children: ReactNode
  className?: string
  wide?: boolean
  /** Show the switch "Leichte Sprache" in the header (pages for participants). */
  easySwitch?: boolean
}) {
  usePageTitle(title)
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (hasNavigated()) heading.current?.focus()
  }, [])
  return (
    <div className="iw-shell">
      <AppHeader easySwitch={easySwitch} />
      <main className={`iw-page ${wide ? 'iw-page-wide' : ''} ${className ?? ''}`}>
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {children}
      </main>
      <AppFooter />
    </div>
  )
}

/** A page that is only a message (loading, not found, errors). */
export function MessagePage({ title, children }: { title: string; children?: ReactNode }) {
  return <Page title={title}>{children}</Page>
}
