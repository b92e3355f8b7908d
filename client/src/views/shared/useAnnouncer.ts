/**
 * A polite live region's text: `announce(text)` replaces it (clearing first, so the same sentence
 * twice is read twice) and clears it again after a while, so no stale sentence stays on screen.
 * Render `message` inside an element with `role="status"`.
 */
import { useCallback, useEffect, useRef, useState } from 'react'

const CLEAR_AFTER_MS = 8000

export function useAnnouncer(): { message: string; announce: (text: string) => void } {
  const [message, setMessage] = useState('')
  const timer = useRef(0)
  const announce = useCallback((text: string) => {
    setMessage('')
    window.clearTimeout(timer.current)
    timer.current = window.setTimeout(() => {
      setMessage(text)
      timer.current = window.setTimeout(() => setMessage(''), CLEAR_AFTER_MS)
    }, 60)
  }, [])
  useEffect(() => () => window.clearTimeout(timer.current), [])
  return { message, announce }
}
