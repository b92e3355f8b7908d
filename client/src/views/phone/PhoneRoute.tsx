/** `/m/:boardId` — lazy chunk: access check, then the phone view. No tldraw in this chunk. */
import { phonePath } from '../../router.ts'
import { ViewGate } from '../shared/ViewGate.tsx'
import { PhoneView } from './PhoneView.tsx'
import '../views.css'

export default function PhoneRoute({ boardId }: { boardId: string }) {
  return (
    <ViewGate boardId={boardId} returnPath={phonePath(boardId)}>
      {(access, onWaiting) => <PhoneView boardId={boardId} access={access} onWaiting={onWaiting} />}
    </ViewGate>
  )
}
