/** A ctx request with a busy flag, for the facilitator panel's buttons. */
import { useCallback, useState } from 'react'
import { useControlContext } from './ControlContext.tsx'

export function useControlAction(): {
  busy: boolean
  act: (request: (workshopId: string) => Promise<unknown>) => Promise<boolean>
} {
  const ctx = useControlContext()
  const [busy, setBusy] = useState(0)
  const act = useCallback(
    async (request: (workshopId: string) => Promise<unknown>) => {
      if (!ctx) return false
      setBusy((n) => n + 1)
      try {
        return await ctx.run(request)
      } finally {
        setBusy((n) => n - 1)
      }
    },
    [ctx],
  )
  return { busy: busy > 0, act }
}
