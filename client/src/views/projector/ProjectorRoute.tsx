/** `/p/:boardId` — lazy chunk: access check, then the projector view. No tldraw in this chunk. */
import { projectorPath } from '../../router.ts'
import { ViewGate } from '../shared/ViewGate.tsx'
import { ProjectorView } from './ProjectorView.tsx'
import '../views.css'

export default function ProjectorRoute({ boardId }: { boardId: string }) {
  return (
    <ViewGate boardId={boardId} returnPath={projectorPath(boardId)}>
      {(access, onWaiting) => (
        <ProjectorView boardId={boardId} access={access} onWaiting={onWaiting} />
      )}
    </ViewGate>
  )
}
