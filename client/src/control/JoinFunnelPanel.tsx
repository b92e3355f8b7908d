/**
 * Facilitator panel: the join funnel (issue 19 §5) — per channel, how many opened the join
 * link, joined, wrote a first idea and voted, so the facilitator sees where people need help
 * (many opened, few joined: help at the door; joined but no idea: help with the phones).
 * Counts only, refreshed every few seconds while the panel is open.
 */
import { useEffect, useState } from 'react'
import { funnelApi, type JoinFunnel } from '../api/funnel.ts'
import { useControlT } from '../i18n/useControlT.ts'

const REFRESH_MS = 5000
const STEPS = ['opened', 'joined', 'firstIdea', 'voted'] as const

export function JoinFunnelPanel({ workshopId }: { workshopId: string }) {
  const ct = useControlT()
  const [funnel, setFunnel] = useState<JoinFunnel | null>(null)
  const [failed, setFailed] = useState(false)

  useEffect(() => {
    let stopped = false
    let timer = 0
    const load = async () => {
      try {
        const next = await funnelApi.get(workshopId)
        if (stopped) return
        setFunnel(next)
        setFailed(false)
      } catch {
        if (!stopped) setFailed(true)
      }
      if (!stopped) timer = window.setTimeout(load, REFRESH_MS)
    }
    void load()
    return () => {
      stopped = true
      window.clearTimeout(timer)
    }
  }, [workshopId])

  const channels = funnel
    ? (['room', 'home', 'unknown'] as const).filter(
        (channel) => channel !== 'unknown' || funnel.unknown.joined > 0,
      )
    : []
  return (
    <section className="iw-panel-section" aria-labelledby="iw-fp-funnel" data-testid="join-funnel">
      <h3 id="iw-fp-funnel">{ct('funnel.heading')}</h3>
      {funnel ? (
        <table className="iw-funnel">
          <caption className="iw-hint">{ct('funnel.caption')}</caption>
          <thead>
            <tr>
              <td />
              {channels.map((channel) => (
                <th key={channel} scope="col">
                  {ct(`funnel.${channel}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {STEPS.map((step) => (
              <tr key={step} data-testid={`funnel-${step}`}>
                <th scope="row">{ct(`funnel.${step}`)}</th>
                {channels.map((channel) => (
                  <td key={channel} data-channel={channel}>
                    {funnel[channel][step]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="iw-hint">{failed ? ct('funnel.failed') : ct('funnel.loading')}</p>
      )}
    </section>
  )
}
