/**
 * "Wortmeldung" beside the whiteboard for participants (usually at home, so that is the
 * suggested channel), with its own polite live region for the confirmations.
 */

import { SpeakingRequest } from '../views/shared/SpeakingRequest.tsx'
import { useAnnouncer } from '../views/shared/useAnnouncer.ts'
import { useControlContext } from './ControlContext.tsx'

export function ParticipantSpeaking() {
  const control = useControlContext()?.control ?? null
  const { message, announce } = useAnnouncer()
  if (control?.me.role !== 'participant') return null
  return (
    <div className="iw-participant-speaking">
      <SpeakingRequest control={control} defaultChannel="home" announce={announce} />
      <p role="status" className="iwv-live">
        {message}
      </p>
    </div>
  )
}
