/**
 * Facilitator panel: the speaking queue ("Wortmeldungen") — who speaks now (end the turn), call
 * the next person or anyone by name, move requests up and down, remove one, clear the list, and
 * "abwechselnd Saal und zu Hause". The order shown is the order people will be called in.
 */
import type { ControlState } from '@ideenwand/protocol'
import { useEffect, useState } from 'react'
import { controlApi } from '../api/control.ts'
import { useT } from '../i18n/LangProvider.tsx'
import { useControlT } from '../i18n/useControlT.ts'
import { ConfirmButton } from '../ui/ConfirmButton.tsx'
import { speakerLabel } from '../views/shared/speaking.ts'
import { useControlContext } from './ControlContext.tsx'
import { formatClock } from './countdown.ts'
import { useControlAction } from './useControlAction.ts'

/** How long the current turn has run (server clock), updated every second; null without one. */
function useTurnLength(startedAt: number | null): number | null {
  const connection = useControlContext()?.connection ?? null
  const [, tick] = useState(0)
  useEffect(() => {
    if (startedAt === null) return
    const id = window.setInterval(() => tick((n) => n + 1), 1000)
    return () => window.clearInterval(id)
  }, [startedAt])
  if (startedAt === null) return null
  return Math.max(0, (connection ? connection.serverNow() : Date.now()) - startedAt)
}

export function SpeakingControls({ control }: { control: ControlState }) {
  const ct = useControlT()
  const v = useT('views')
  const { busy, act } = useControlAction()
  const { current, queue, alternate, turns } = control.speaking
  const run = (request: (workshopId: string) => Promise<unknown>) => void act(request)
  const turnLength = useTurnLength(current?.startedAt ?? null)

  return (
    <section
      className="iw-panel-section"
      aria-labelledby="iw-fp-speaking"
      data-testid="speaking-controls"
    >
      <h3 id="iw-fp-speaking">{ct('speaking.heading')}</h3>
      <p data-testid="speaking-current">
        {current
          ? ct('speaking.current', { name: speakerLabel(current, v) })
          : ct('speaking.nobody')}
        {turnLength !== null ? (
          <>
            {' · '}
            <span data-testid="speaking-length">
              {ct('speaking.length', { time: formatClock(turnLength) })}
            </span>
          </>
        ) : null}
      </p>
      <div className="iw-row iw-row-wrap">
        <button
          type="button"
          className="iw-button iw-button-small iw-button-primary"
          disabled={busy || (queue.length === 0 && !current)}
          data-testid="speaking-next"
          onClick={() => run((id) => controlApi.callNextSpeaker(id))}
        >
          {ct('speaking.next')}
        </button>
        {current ? (
          <button
            type="button"
            className="iw-button iw-button-small"
            disabled={busy}
            data-testid="speaking-finish"
            onClick={() => run((id) => controlApi.finishSpeaking(id))}
          >
            {ct('speaking.finish')}
          </button>
        ) : null}
      </div>
      <div className="iw-control-check">
        <label>
          <input
            type="checkbox"
            checked={alternate}
            disabled={busy}
            data-testid="speaking-alternate"
            onChange={(event) => {
              const on = event.target.checked
              run((id) => controlApi.alternateSpeakers(id, on))
            }}
          />{' '}
          {ct('speaking.alternate')}
        </label>
      </div>
      {queue.length === 0 ? (
        <p className="iw-hint">{ct('speaking.empty')}</p>
      ) : (
        <ol className="iw-speaking-queue" data-testid="speaking-queue">
          {queue.map((entry, index) => {
            const name = speakerLabel(entry, v)
            return (
              <li key={entry.id} data-testid="speaking-entry" data-channel={entry.channel}>
                <span>{name}</span>
                <div className="iw-row iw-row-wrap">
                  <button
                    type="button"
                    className="iw-button iw-button-small"
                    disabled={busy}
                    aria-label={ct('speaking.callLabel', { name })}
                    onClick={() => run((id) => controlApi.callSpeaker(id, entry.id))}
                  >
                    {ct('speaking.call')}
                  </button>
                  <button
                    type="button"
                    className="iw-button iw-button-small"
                    disabled={busy || index === 0}
                    aria-label={ct('speaking.upLabel', { name })}
                    onClick={() => run((id) => controlApi.moveSpeaker(id, entry.id, index - 1))}
                  >
                    <span aria-hidden="true">↑</span>
                  </button>
                  <button
                    type="button"
                    className="iw-button iw-button-small"
                    disabled={busy || index === queue.length - 1}
                    aria-label={ct('speaking.downLabel', { name })}
                    onClick={() => run((id) => controlApi.moveSpeaker(id, entry.id, index + 1))}
                  >
                    <span aria-hidden="true">↓</span>
                  </button>
                  <button
                    type="button"
                    className="iw-button iw-button-small"
                    disabled={busy}
                    aria-label={ct('speaking.removeLabel', { name })}
                    onClick={() => run((id) => controlApi.withdrawSpeaking(id, entry.id))}
                  >
                    {ct('speaking.remove')}
                  </button>
                </div>
              </li>
            )
          })}
        </ol>
      )}
      <p className="iw-hint" data-testid="speaking-turns">
        {ct('speaking.turns', { room: turns.room.count, home: turns.home.count })}
      </p>
      {queue.length > 0 || current ? (
        <ConfirmButton
          question={ct('speaking.clearConfirm')}
          confirmLabel={ct('speaking.clear')}
          disabled={busy}
          testId="speaking-clear"
          onConfirm={() => run((id) => controlApi.clearSpeakers(id))}
        >
          {ct('speaking.clear')}
        </ConfirmButton>
      ) : null}
    </section>
  )
}
