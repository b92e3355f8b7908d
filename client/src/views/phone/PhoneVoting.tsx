import { useT } from '../../i18n/LangProvider.tsx'
/**
 * Voting on the phone: dots left in large type, then each eligible idea or cluster with big
 * − / + buttons (44 px and more) and my dots on it. Before a round opens, and after it closed
 * until the reveal, a sentence says so.
 */
import type { Voting } from '../shared/useVoting.ts'

export function PhoneVoting({ voting }: { voting: Voting }) {
  const v = useT('views')
  const { round, ballot } = voting
  return (
    <section className="iwv-section" aria-labelledby="iwv-vote">
      <h2 id="iwv-vote">{v('vote.heading')}</h2>
      {!round ? <p>{v('vote.waiting')}</p> : null}
      {round && round.status !== 'open' ? <p>{v('results.soon')}</p> : null}
      {voting.open && ballot ? (
        <>
          <p className="iwv-dots-left" role="status" data-testid="phone-dots-left">
            {v('vote.dotsLeft', { count: ballot.remaining })}
          </p>
          {voting.error ? (
            <p className="iw-alert iw-alert-error" role="alert">
              {voting.error}
            </p>
          ) : null}
          {voting.targets.length === 0 ? <p>{v('vote.noTargets')}</p> : null}
          <ul className="iwv-vote-list">
            {voting.targets.map((target) => {
              const mine = ballot.votes[target.id] ?? 0
              const max = round?.maxPerTarget ?? 0
              const busy = voting.busy !== null
              return (
                <li key={target.id} className="iwv-vote-item" data-target-id={target.id}>
                  <span className="iwv-vote-label">{target.label}</span>
                  <span className="iwv-vote-controls">
                    <button
                      type="button"
                      className="iw-button iwv-vote-button"
                      aria-label={v('vote.minus', { label: target.label })}
                      disabled={busy || mine === 0}
                      onClick={() => voting.vote(target.id, -1)}
                      data-testid="phone-vote-minus"
                    >
                      −
                    </button>
                    <span className="iwv-vote-mine" aria-live="polite">
                      <span aria-hidden="true">{'●'.repeat(Math.min(mine, 5))} </span>
                      {v('vote.myDots', { count: mine })}
                    </span>
                    <button
                      type="button"
                      className="iw-button iw-button-primary iwv-vote-button"
                      aria-label={v('vote.plus', { label: target.label })}
                      disabled={busy || ballot.remaining === 0 || (max > 0 && mine >= max)}
                      onClick={() => voting.vote(target.id, 1)}
                      data-testid="phone-vote-plus"
                    >
                      +
                    </button>
                  </span>
                </li>
              )
            })}
          </ul>
        </>
      ) : null}
    </section>
  )
}
