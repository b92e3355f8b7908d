/**
 * Entry of the phone route (`/m/:boardId`), built separately (vite.phone.config.ts) with Preact
 * in place of React: phones in a council chamber with poor Wi-Fi download about half as much
 * JavaScript. It renders only the phone view; any other route is a full page load of the app.
 */
import { StrictMode, useEffect } from 'react'
import { createRoot } from 'react-dom/client'
import { LangProvider } from './i18n/LangProvider.tsx'
import { useRoute } from './router.ts'
import PhoneRoute from './views/phone/PhoneRoute.tsx'
import './styles.css'

function PhoneApp() {
  const route = useRoute()
  const elsewhere = route.name !== 'phone'
  useEffect(() => {
    // Links to the whiteboard, the list or the start page leave the phone bundle.
    if (elsewhere) window.location.assign(window.location.href)
  }, [elsewhere])
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
