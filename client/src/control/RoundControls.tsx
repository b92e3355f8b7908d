/**
 * Facilitator panel: the voting round — a form to start one (the method: dots, or resistance
 * 0–10 per option with the passive solution; dots per person, most per target, ideas or
 * clusters, optional time limit, or "only the best N of round X"), then turnout, the
 * running-tally switch (dot rounds), close and reveal.
 */
import type { ControlState } from '@ideenwand/protocol'
import type { TFunction } from 'i18next'
import { type FormEvent, useId, useState } from 'react'
import { controlApi } from '../api/control.ts'
import { useControlT } from '../i18n/useControlT.ts'
import { NumberField } from '../ui/NumberField.tsx'
import { useControlContext } from './ControlContext.tsx'
import { MAX_COUNT, readRoundForm } from './roundForm.ts'
import { useControlAction } from './useControlAction.ts'

/** The round's counts (roundForm.ts), each on a row beside its label. */
const COUNT_FIELD = { className: 'iw-field-row', min: 1, max: MAX_COUNT } as const

/** A row of radio buttons (`round-<name>-<value>` test ids). */
function RadioRow<V extends string>({
  legend,
  name,
  value,
  onChange,
  options,
  disabled,
  describedBy,
}: {
  legend: string
  name: string
  value: V
  onChange: (value: V) => void
  options: Record<V, string>
  disabled?: boolean
  describedBy?: string | undefined
}) {
  return (
    <fieldset className="iw-radio-row" disabled={disabled} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {(Object.entries(options) as [V, string][]).map(([v, label]) => (
        <label key={v}>
          <input
            type="radio"
            name={`iw-round-${name}`}
            value={v}
            checked={value === v}
            data-testid={`round-${name}-${v}`}
            onChange={() => onChange(v)}
          />{' '}
          {label}
        </label>
      ))}
    </fieldset>
  )
}

function StartRoundForm() {
  const ct = useControlT()
  const { busy, act } = useControlAction()
  const ids = { limit: useId(), from: useId() }
  const limitHint = useId()
  const [method, setMethod] = useState<'dots' | 'resistance'>('dots')
  const resistance = method === 'resistance'
  const methodHint = useId()
  const [dots, setDots] = useState('3')
  const [max, setMax] = useState('')
  const [kind, setKind] = useState<'idea' | 'cluster'>('idea')
  const [limit, setLimit] = useState('')
  const [fromRound, setFromRound] = useState('')
  const [top, setTop] = useState('5')

  const { round, invalid } = readRoundForm({ method, dots, max, kind, limit, fromRound, top })

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!round) return
    void act((id) => controlApi.startRound(id, round))
  }

  return (
    <form className="iw-round-form" onSubmit={submit} data-testid="round-form">
      <RadioRow
        legend={ct('panel.method')}
        name="method"
        value={method}
        onChange={setMethod}
        options={{ dots: ct('panel.methodDots'), resistance: ct('panel.methodResistance') }}
        describedBy={resistance ? methodHint : undefined}
      />
      {resistance ? (
        <p id={methodHint} className="iw-hint" data-testid="round-method-hint">
          {ct('panel.methodResistanceHint')}
        </p>
      ) : (
        <>
          <NumberField
            {...COUNT_FIELD}
            label={ct('panel.dotsPerPerson')}
            value={dots}
            onValue={setDots}
            invalid={invalid.dots}
            testId="round-dots"
          />
          <NumberField
            {...COUNT_FIELD}
            label={ct('panel.maxPerTarget')}
            value={max}
            onValue={setMax}
            placeholder={dots}
            invalid={invalid.max}
            testId="round-max"
          />
        </>
      )}
      <RadioRow
        legend={ct('panel.targetKind')}
        name="kind"
        value={kind}
        onChange={setKind}
        options={{ idea: ct('panel.targetIdeas'), cluster: ct('panel.targetClusters') }}
        disabled={Boolean(fromRound)}
      />
      <div className="iw-field-row">
        <label htmlFor={ids.limit}>{ct('panel.timeLimit')}</label>
        <input
          id={ids.limit}
          inputMode="decimal"
          size={4}
          value={limit}
          aria-describedby={limitHint}
          aria-invalid={invalid.limit}
          data-testid="round-limit"
          onChange={(event) => setLimit(event.target.value)}
        />
      </div>
      <p id={limitHint} className="iw-hint">
        {ct('panel.timeLimitHint')}
      </p>
      <HistorySelect
        ids={ids}
        ct={ct}
        fromRound={fromRound}
        setFromRound={setFromRound}
        top={top}
        setTop={setTop}
      />
      <button
        type="submit"
        className="iw-button iw-button-primary"
        data-testid="round-start"
        disabled={busy || !round}
      >
        {ct('panel.startRound')}
      </button>
    </form>
  )
}

/** "Only the best N from round X": the revealed rounds come with the control state. */
function HistorySelect({
  ids,
  fromRound,
  setFromRound,
  top,
  setTop,
  ct,
}: {
  ids: { from: string }
  fromRound: string
  setFromRound: (v: string) => void
  top: string
  setTop: (v: string) => void
  ct: TFunction<'control'>
}) {
  const history = useControlContext()?.control?.history ?? []
  const ideaRounds = history.filter((r) => r.targetKind === 'idea' && r.results.length > 0)
  if (ideaRounds.length === 0) return null
  return (
    <div className="iw-field-row iw-field-row-wrap">
      <label htmlFor={ids.from}>{ct('panel.fromRound')}</label>
      <select
        id={ids.from}
        value={fromRound}
        data-testid="round-from"
        onChange={(event) => setFromRound(event.target.value)}
      >
        <option value="">{ct('panel.fromRoundNone')}</option>
        {ideaRounds.map((r) => (
          <option key={r.id} value={String(r.number)}>
            {ct('panel.fromRoundOption', { n: r.number })}
          </option>
        ))}
      </select>
      {fromRound ? (
        <NumberField
          {...COUNT_FIELD}
          label={ct('panel.topN')}
          value={top}
          onValue={setTop}
          testId="round-top"
        />
      ) : null}
    </div>
  )
}

export function RoundControls({ control }: { control: ControlState }) {
  const ct = useControlT()
  const { busy, act } = useControlAction()
  const [showTally, setShowTally] = useState(control.tally !== null)
  const round = control.round

  return (
    <section className="iw-panel-section" aria-labelledby="iw-fp-round">
      <h3 id="iw-fp-round">{ct('panel.roundHeading')}</h3>
      {round ? (
        <>
          <p data-testid="round-status" data-status={round.status}>
            <strong>{ct(`panel.roundStatus.${round.status}`, { n: round.number })}</strong>
          </p>
          {control.turnout && round.method === 'resistance' ? (
            <p data-testid="turnout" data-voters={control.turnout.voters} aria-live="polite">
              {ct('panel.resistanceTurnout', {
                voters: ct('panel.turnoutVoters', { count: control.turnout.voters }),
                complete: ct('panel.resistanceComplete', { count: control.turnout.complete ?? 0 }),
              })}
            </p>
          ) : control.turnout ? (
            <p
              data-testid="turnout"
              data-voters={control.turnout.voters}
              data-dots={control.turnout.dots}
              aria-live="polite"
            >
              {ct('panel.turnout', {
                voters: ct('panel.turnoutVoters', { count: control.turnout.voters }),
                dots: ct('results.dots', { count: control.turnout.dots }),
              })}
            </p>
          ) : null}
          {round.method === 'resistance' ? (
            <p className="iw-hint">{ct('panel.resistanceNoTally')}</p>
          ) : (
            <div className="iw-control-check">
              <label>
                <input
                  type="checkbox"
                  checked={showTally}
                  data-testid="show-tally"
                  disabled={busy}
                  onChange={(event) => {
                    const next = event.target.checked
                    setShowTally(next)
                    void act((id) => controlApi.settings(id, { showTally: next }))
                  }}
                />{' '}
                {ct('panel.showTally')}
              </label>
            </div>
          )}
          <div className="iw-row iw-row-wrap">
            {round.status === 'open' ? (
              <button
                type="button"
                className="iw-button iw-button-small"
                data-testid="round-close"
                disabled={busy}
                onClick={() => void act((id) => controlApi.closeRound(id))}
              >
                {ct('panel.closeRound')}
              </button>
            ) : null}
            <button
              type="button"
              className="iw-button iw-button-small iw-button-primary"
              data-testid="round-reveal"
              disabled={busy}
              onClick={() => void act((id) => controlApi.reveal(id))}
            >
              {ct('panel.revealRound')}
            </button>
          </div>
        </>
      ) : (
        <StartRoundForm />
      )}
    </section>
  )
}
