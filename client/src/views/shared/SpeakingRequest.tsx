/**
 * "Wortmeldung" for participants on the phone, in the list view and on the whiteboard: choose
 * room or home, ask to speak, see the place in the queue ("Sie sind 2. in der Reihe") and who
 * speaks now, withdraw. When the server calls this person the view says so plainly — a large
 * notice, an assertive announcement for screen readers and, where the device can, a vibration.
 */
import type { ControlState } from '@ideenwand/protocol'
import { useEffect, useId, useRef, useState } from 'react'
import { controlApi } from '../../api/control.ts'
import { useT } from '../../i18n/LangProvider.tsx'
import { type SpeakingChannel, speakerLabel } from './speaking.ts'

export interface SpeakingRequestProps {
  control: ControlState
  /** The channel this view suggests (phone: room, whiteboard: home); null: the person chooses. */
  defaultChannel: SpeakingChannel | null
  /** Polite announcements of the view (see useAnnouncer). */
  announce: (text: string) => void
}

export function SpeakingRequest({ control, defaultChannel, announce }: SpeakingRequestProps) {
  const v = useT('views')
  const id = useId()
  const speaking = control.speaking
  const me = speaking.me
  const [chosen, setChosen] = useState<SpeakingChannel | null>(defaultChannel)
  const [busy, setBusy] = useState(false)
  const [missing, setMissing] = useState(false)
  // The choice shows at once; the server's (a request from another tab, a switch) follows.
  const serverChannel = me?.channel ?? null
  useEffect(() => {
    if (serverChannel) setChosen(serverChannel)
  }, [serverChannel])
  const channel = chosen
  const calledNow = me?.status === 'speaking'

  // Being called is announced once per turn, with a vibration where the device offers one.
  const [called, setCalled] = useState('')
  const lastCalled = useRef<string | null>(null)
  useEffect(() => {
    if (!calledNow || !me || lastCalled.current === me.id) return
    lastCalled.current = me.id
    setCalled(v('speaking.yourTurn'))
    try {
      navigator.vibrate?.([300, 150, 300])
    } catch {
      // Vibration is a courtesy; browsers may refuse it.
    }
  }, [calledNow, me, v])
  useEffect(() => {
    if (!calledNow) setCalled('')
  }, [calledNow])

  const send = async (request: () => Promise<void>, done: string) => {
    setBusy(true)
    try {
      await request()
      announce(done)
    } catch {
      announce(v('speaking.failed'))
    } finally {
      setBusy(false)
    }
  }

  const ask = (next: SpeakingChannel | null) => {
    if (!next) {
      setMissing(true)
      return
    }
    setMissing(false)
    void send(() => controlApi.requestToSpeak(control.workshopId, next), v('speaking.requested'))
  }

  const choose = (next: SpeakingChannel) => {
    setChosen(next)
    setMissing(false)
    // Switching while waiting moves the request to the other channel.
    if (me?.status === 'waiting' && me.channel !== next) ask(next)
  }

  const current = speaking.current
  return (
    <section
      className="iwv-section iwv-speaking"
      aria-labelledby={`${id}-h`}
      data-testid="speaking"
    >
      <h2 id={`${id}-h`}>{v('speaking.heading')}</h2>
      <p className="iwv-speaking-called" role="alert" data-testid="speaking-called">
        {called}
      </p>
      <p className="iwv-speaking-now" data-testid="speaking-now">
        {current && !current.mine
          ? v('speaking.nowSpeaking', { name: speakerLabel(current, v) })
          : current
            ? null
            : v('speaking.nobody')}
      </p>
      {me?.status === 'waiting' && me.position !== null ? (
        <p className="iwv-speaking-position" data-testid="speaking-position">
          {v('speaking.position', { position: me.position })}
        </p>
      ) : null}
      {!calledNow ? (
        <fieldset
          className="iwv-speaking-where"
          aria-describedby={missing ? `${id}-missing` : undefined}
        >
          <legend>{v('speaking.where')}</legend>
          {(['room', 'home'] as const).map((c) => (
            <label key={c}>
              <input
                type="radio"
                name={`${id}-channel`}
                value={c}
                checked={channel === c}
                disabled={busy}
                data-testid={`speaking-channel-${c}`}
                onChange={() => choose(c)}
              />{' '}
              {v(`speaking.${c}`)}
            </label>
          ))}
        </fieldset>
      ) : null}
      {missing ? (
        <p id={`${id}-missing`} className="iw-alert iw-alert-error" role="alert">
          {v('speaking.chooseWhere')}
        </p>
      ) : null}
      <div className="iwv-actions">
        {me ? (
          <button
            type="button"
            className="iw-button"
            disabled={busy}
            data-testid="speaking-withdraw"
            onClick={() =>
              void send(
                () => controlApi.withdrawSpeaking(control.workshopId, me.id),
                v('speaking.withdrawn'),
              )
            }
          >
            {calledNow ? v('speaking.done') : v('speaking.withdraw')}
          </button>
        ) : (
          <button
            type="button"
            className="iw-button iw-button-primary"
            disabled={busy}
            data-testid="speaking-request"
            onClick={() => ask(channel)}
          >
            {v('speaking.request')}
          </button>
        )}
      </div>
    </section>
  )
}
