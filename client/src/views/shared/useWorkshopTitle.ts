/**
 * The workshop's title for a board's header and tab: a guest's session names their workshop; a
 * facilitator's title is read from the workshop. Null until known (or when it cannot be read).
 */
import { useEffect, useState } from 'react'
import { api } from '../../api/endpoints.ts'
import { useSession } from '../../api/session.ts'

export function useWorkshopTitle(workshopId: string): string | null {
  const session = useSession()
  const me = session.status === 'ready' ? session.me : null
  const guestTitle =
    me?.kind === 'guest' && me.guest.workshopId === workshopId ? me.workshop.title : null
  const facilitator = me?.kind === 'facilitator'
  const [fetched, setFetched] = useState<string | null>(null)
  useEffect(() => {
    if (!facilitator) return
    let live = true
    api.workshop(workshopId).then(
      (workshop) => {
        if (live) setFetched(workshop.title)
      },
      () => {},
    )
    return () => {
      live = false
    }
  }, [facilitator, workshopId])
  return guestTitle ?? fetched
}
