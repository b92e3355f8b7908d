/**
 * Rating in a resistance round ("Systemisches Konsensieren"), for the phone, the list view and
 * beside the whiteboard: each option of the round — its ideas or clusters, then the passive
 * solution — as a group of eleven radio buttons 0–10 (a segmented row: arrow keys move within
 * it, as with any radio group). What counts is said in words: the ballot counts once every
 * option is rated, and can be changed until the round closes.
 */

import { PASSIVE_OPTION } from '@ideenwand/board'
import { useEffect, useId, useState } from 'react'
import { useT } from '../../i18n/LangProvider.tsx'
import { FormMessage } from '../../ui/Field.tsx'
import type { VoteTarget, Voting } from './useVoting.ts'
import './resistance.css'

const SCALE = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]

export function ResistanceRating({ voting }: { voting: Voting }) {
  const v = useT('views')
  const scaleId = useId()
  const { ballot } = voting
  // What was just chosen shows at once (arrow keys move on from it), until the server's ballot
  // has it — or a failed request clears it.
  const [pending, setPending] = useState<Readonly<Record<string, number>>>({})
  useEffect(() => {
    setPending((p) => {
      const left = Object.entries(p).filter(([id, n]) => !voting.error && ballot?.votes[id] !== n)
      return left.length === Object.keys(p).length ? p : Object.fromEntries(left)
    })
  }, [ballot, voting.error])
  if (!voting.rating || !ballot) return null
  const options: VoteTarget[] = [
    ...voting.targets,
    { id: PASSIVE_OPTION, label: v('resistance.passive') },
  ]
  return (
    <section className="iwv-section iwr" aria-labelledby="iwr-heading" data-testid="resistance">
      <h2 id="iwr-heading">{v('resistance.heading')}</h2>
      <p id={scaleId}>{v('resistance.intro')}</p>
      <p className="iwr-status" role="status" data-testid="resistance-status">
        {ballot.remaining > 0
          ? v('resistance.toRate', { count: ballot.remaining })
          : v('resistance.complete')}
      </p>
      {voting.error ? <FormMessage kind="error">{voting.error}</FormMessage> : null}
      {options.map((option) => {
        const mine = pending[option.id] ?? ballot.votes[option.id]
        return (
          <fieldset
            key={option.id}
            className={`iwr-option${option.id === PASSIVE_OPTION ? ' iwr-passive' : ''}`}
            aria-describedby={scaleId}
            data-testid="resistance-option"
            data-target-id={option.id}
            data-value={mine ?? ''}
            data-saved={ballot.votes[option.id] ?? ''}
          >
            <legend>{option.label}</legend>
            <div className="iwr-scale">
              {SCALE.map((n) => (
                <label key={n} className="iwr-step">
                  <input
                    type="radio"
                    name={`iwr-${option.id}`}
                    value={n}
                    checked={mine === n}
                    onChange={() => {
                      setPending((p) => ({ ...p, [option.id]: n }))
                      voting.rate(option.id, n)
                    }}
                  />
                  <span>{n}</span>
                  {n === 0 || n === 10 ? (
                    <span className="iw-visually-hidden">
                      {' '}
                      {v(n === 0 ? 'resistance.none' : 'resistance.max')}
                    </span>
                  ) : null}
                </label>
              ))}
            </div>
            <div className="iwr-ends" aria-hidden="true">
              <span>{v('resistance.none')}</span>
              <span>{v('resistance.max')}</span>
            </div>
          </fieldset>
        )
      })}
    </section>
  )
}
