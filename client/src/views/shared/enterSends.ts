/**
 * Enter sends, Shift+Enter makes a new line — for the idea fields of the phone and list views.
 * Two paths so that every keyboard gets it once: a hardware keyboard's `keydown` (not while an
 * input method composes a word, e.g. German dead keys or iOS autocorrect), and the soft keyboard's
 * `beforeinput` line break (Android keyboards report keydown as "Unidentified", iOS may commit an
 * autocorrection first): the line break is never inserted, so the next idea cannot be merged
 * into this one.
 */
import { type KeyboardEvent, type RefObject, useEffect, useRef } from 'react'

export function useEnterSends(
  field: RefObject<HTMLTextAreaElement | null>,
  send: () => void,
): (event: KeyboardEvent<HTMLTextAreaElement>) => void {
  const latest = useRef(send)
  latest.current = send
  useEffect(() => {
    const el = field.current
    if (!el) return
    let shift = false
    const key = (event: globalThis.KeyboardEvent) => {
      shift = event.shiftKey
    }
    const input = (event: InputEvent) => {
      if (shift || (event.inputType !== 'insertLineBreak' && event.inputType !== 'insertParagraph'))
        return
      event.preventDefault()
      latest.current()
    }
    el.addEventListener('keydown', key)
    el.addEventListener('beforeinput', input)
    return () => {
      el.removeEventListener('keydown', key)
      el.removeEventListener('beforeinput', input)
    }
  }, [field])
  return (event) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return
    event.preventDefault()
    send()
  }
}
