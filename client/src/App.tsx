/**
 * App shell: language context and route switch. The board canvas is a lazy chunk behind
 * `BoardGate`, so the other pages never download tldraw.
 */
import { lazy, Suspense } from 'react'
import { BoardGate } from './BoardGate.tsx'
import { LangProvider } from './i18n/LangProvider.tsx'
import { AccessibilityPage } from './info/AccessibilityPage.tsx'
import { HelpPage } from './info/HelpPage.tsx'
import { PrivacyPage } from './info/PrivacyPage.tsx'
import { JoinPage } from './join/JoinPage.tsx'
import { NotFoundPage } from './NotFoundPage.tsx'
import { AccountPage } from './pages/AccountPage.tsx'
import { InviteAcceptPage } from './pages/InviteAcceptPage.tsx'
import { LoginPage } from './pages/LoginPage.tsx'
import { SetupPage } from './pages/SetupPage.tsx'
import { StartPage } from './pages/StartPage.tsx'
import { TableClaimPage } from './pages/TableClaimPage.tsx'
import { useRoute } from './router.ts'
import { HandoutPage } from './workshops/HandoutPage.tsx'
import { WorkshopPage } from './workshops/WorkshopPage.tsx'
import { WorkshopsPage } from './workshops/WorkshopsPage.tsx'

// The phone, projector and list views are lazy chunks of their own, free of tldraw.
const PhoneRoute = lazy(() => import('./views/phone/PhoneRoute.tsx'))
const ProjectorRoute = lazy(() => import('./views/projector/ProjectorRoute.tsx'))
const ListRoute = lazy(() => import('./views/list/ListRoute.tsx'))
// The pages in Leichte Sprache, with their pictograms: only fetched by who opens them.
const EasyReadPage = lazy(() => import('./easy/EasyReadPage.tsx'))

function Routes() {
  const route = useRoute()
  switch (route.name) {
    case 'start':
      return <StartPage />
    case 'setup':
      return <SetupPage />
    case 'login':
      return <LoginPage />
    case 'account':
      return <AccountPage />
    case 'workshops':
      return <WorkshopsPage />
    case 'workshop':
      return <WorkshopPage key={route.id} id={route.id} />
    case 'handout':
      return <HandoutPage key={route.id} id={route.id} />
    case 'join':
      return <JoinPage key={route.code ?? ''} code={route.code} />
    case 'invite':
      return <InviteAcceptPage key={route.token} token={route.token} />
    case 'table':
      return <TableClaimPage key={route.token} token={route.token} />
    case 'board':
      return <BoardGate key={route.boardId} boardId={route.boardId} />
    case 'phone':
      return <PhoneRoute key={route.boardId} boardId={route.boardId} />
    case 'projector':
      return <ProjectorRoute key={route.boardId} boardId={route.boardId} />
    case 'list':
      return <ListRoute key={route.boardId} boardId={route.boardId} />
    case 'accessibility':
      return <AccessibilityPage />
    case 'help':
      return <HelpPage />
    case 'privacy':
      return <PrivacyPage />
    case 'easyRead':
      return <EasyReadPage key={route.page} page={route.page} />
    case 'notFound':
      return <NotFoundPage />
  }
}

export function App() {
  return (
    <LangProvider>
      <Suspense fallback={<main className="iw-loading" aria-busy="true" />}>
        <Routes />
      </Suspense>
    </LangProvider>
  )
}
