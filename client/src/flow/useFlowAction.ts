/** A flow request with a busy flag, for the facilitator panel's buttons. */
import { useCallback, useState } from 'react'
import { useFlow } from './FlowContext.tsx'

export function useFlowAction(): {
  busy: boolean
  act: (request: (workshopId: string) => Promise<unknown>) => Promise<boolean>
} {
  const flow = useFlow()
  const [busy, setBusy] = useState(0)
  const act = useCallback(
    async (request: (workshopId: string) => Promise<unknown>) => {
      if (!flow) return false
      setBusy((n) => n + 1)
      try {
        return await flow.run(request)
      } finally {
        setBusy((n) => n - 1)
      }
    },
    [flow],
  )
  return { busy: busy > 0, act }
}
