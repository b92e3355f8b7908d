/** `/l/:boardId` — lazy chunk: access check, then the list view. No tldraw in this chunk. */
import { listPath } from '../../router.ts'
import { ViewGate } from '../shared/ViewGate.tsx'
import { ListView } from './ListView.tsx'
import '../views.css'

export default function ListRoute({ boardId }: { boardId: string }) {
  return (
    <ViewGate boardId={boardId} returnPath={listPath(boardId)}>
      {(access, onWaiting) => <ListView boardId={boardId} access={access} onWaiting={onWaiting} />}
    </ViewGate>
  )
}
