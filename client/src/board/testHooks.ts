/**
 * End-to-end test access: `window.__ideenwand = { editor, doc, board }`, and only in development
 * or when `localStorage['ideenwand:test'] === '1'`. Nothing else is exposed globally.
 */
import type { Board } from '@ideenwand/board'
import type { Editor } from 'tldraw'
import type * as Y from 'yjs'

export interface TestHandles {
  editor: Editor
  doc: Y.Doc
  board: Board
}

declare global {
  interface Window {
    __ideenwand?: TestHandles
  }
}

function enabled(): boolean {
  if (import.meta.env.DEV) return true
  try {
    return localStorage.getItem('ideenwand:test') === '1'
  } catch {
    return false
  }
}

export function exposeForTests(handles: TestHandles): () => void {
  if (!enabled()) return () => {}
  window.__ideenwand = handles
  return () => {
    if (window.__ideenwand === handles) delete window.__ideenwand
  }
}
