/**
 * The projector's "Wortmeldungen": who speaks now and who is next, with the channel (Saal /
 * zu Hause), so the room and the people at home see one queue. Names only as the server sends
 * them (given and allowed); otherwise "Person aus dem Saal". Shown while anyone speaks or waits.
 */
import type { SpeakingState } from '@ideenwand/protocol'
import { useT } from '../../i18n/LangProvider.tsx'
import { speakerLabel } from '../shared/speaking.ts'

/** More would not fit beside the QR code at projector size; the count says the rest. */
const SHOWN = 6

export function ProjectorSpeaking({ speaking }: { speaking: SpeakingState }) {
  const v = useT('views')
  const { current, queue } = speaking
  if (!current && queue.length === 0) return null
  return (
    <section
      className="iwp-speaking"
      aria-labelledby="iwp-speaking"
      data-testid="projector-speaking"
    >
      <h2 id="iwp-speaking">{v('speaking.projectorHeading')}</h2>
      <p className="iwp-speaking-now" aria-live="polite" data-testid="projector-speaking-now">
        {current
          ? v('speaking.nowSpeaking', { name: speakerLabel(current, v) })
          : v('speaking.nobody')}
      </p>
      {queue.length > 0 ? (
        <>
          <p className="iwp-speaking-next">
            {v('speaking.next')} · {v('speaking.waiting', { count: queue.length })}
          </p>
          <ol className="iwp-speaking-queue" data-testid="projector-speaking-queue">
            {queue.slice(0, SHOWN).map((entry) => (
              <li key={entry.id} data-channel={entry.channel}>
                {speakerLabel(entry, v)}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  )
}
