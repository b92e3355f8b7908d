/**
 * Entry of the phone route (`/m/:boardId`), built separately (vite.phone.config.ts) with Preact
 * in place of React: phones in a council chamber with poor Wi-Fi download about half as much
 * JavaScript. It renders the phone view and the join page of an invite link (the QR code);
 * any other route is a full page load of the app.
 */
import { StrictMode, useEffect } from 'react'
import { createRoot } from 'react-dom/client'
import { LangProvider } from './i18n/LangProvider.tsx'
import { JoinPage } from './join/JoinPage.tsx'
import { useRoute } from './router.ts'
import PhoneRoute from './views/phone/PhoneRoute.tsx'
import './styles.css'

function PhoneApp() {
  const route = useRoute()
  const here = route.name === 'phone' || (route.name === 'join' && route.code !== null)
  useEffect(() => {
    // Links to the whiteboard, the list or the start page leave the phone bundle.
    if (!here) window.location.assign(window.location.href)
  }, [here])
  // The QR code's link (`/join/:code`) joins here, so that a phone reaches its first idea
  // with this bundle alone; the whiteboard and the projector are a page load away.
  if (route.name === 'join' && route.code !== null) return <JoinPage code={route.code} />
  if (route.name !== 'phone') return <main className="iw-loading" aria-busy="true" />
  return <PhoneRoute key={route.boardId} boardId={route.boardId} />
}

const root = document.getElementById('root')
if (!root) throw new Error('phone.html must contain <div id="root">')

createRoot(root).render(
  <StrictMode>
    <LangProvider>
      <PhoneApp />
    </LangProvider>
  </StrictMode>,
)
