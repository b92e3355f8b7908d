/** The join funnel of a workshop (issue 19 §5): counts per channel, for its facilitators. */
import type { JoinFunnel } from '@ideenwand/protocol'
import { apiJson, type Schema } from './http.ts'

export type { JoinFunnel } from '@ideenwand/protocol'

const STEPS = ['opened', 'joined', 'firstIdea', 'voted'] as const
const CHANNELS = ['room', 'home', 'unknown'] as const

/** Checked by hand: this chunk stays without zod. */
const FunnelSchema: Schema<JoinFunnel> = {
  safeParse(value) {
    const ok = CHANNELS.every((channel) => {
      const counts = (value as Record<string, Record<string, unknown> | undefined> | null)?.[
        channel
      ]
      return STEPS.every((step) => typeof counts?.[step] === 'number')
    })
    return ok
      ? { success: true, data: value as JoinFunnel }
      : { success: false, error: { message: 'not a join funnel' } }
  },
}

export const funnelApi = {
  get: (workshopId: string) =>
    apiJson('GET', `/workshops/${encodeURIComponent(workshopId)}/funnel`, FunnelSchema),
}
