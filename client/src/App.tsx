/**
 * App shell: language context and route switch. The board page is a lazy chunk so the start page
 * (and later the phone view) never downloads tldraw.
 */
import { lazy, Suspense } from 'react'
import { LangProvider, useT } from './i18n/LangProvider.tsx'
import { NotFoundPage } from './NotFoundPage.tsx'
import { useRoute } from './router.ts'
import { StartPage } from './StartPage.tsx'

const BoardPage = lazy(() => import('./board/BoardPage.tsx'))

function Loading() {
  const t = useT()
  return (
    <main className="iw-loading" aria-busy="true">
      {t.loadingBoard}
    </main>
  )
}

function Routes() {
  const route = useRoute()
  switch (route.name) {
    case 'start':
      return <StartPage />
    case 'board':
      return (
        <Suspense fallback={<Loading />}>
          <BoardPage key={route.boardId} boardId={route.boardId} />
        </Suspense>
      )
    case 'notFound':
      return <NotFoundPage />
  }
}

export function App() {
  return (
    <LangProvider>
      <Routes />
    </LangProvider>
  )
}
