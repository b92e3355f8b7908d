/**
 * Voting on the phone: dots left in large type, then each eligible idea or cluster with big
 * − / + buttons (44 px and more) and my dots on it. Before a round opens, and after it closed
 * until the reveal, a sentence says so.
 */

import { dotsOn } from '@ideenwand/board'
import { useT } from '../../i18n/LangProvider.tsx'
import { FormMessage } from '../../ui/Field.tsx'
import { CarriedNote } from '../shared/carried.tsx'
import type { VoteTarget, Voting } from '../shared/useVoting.ts'
import { VoteButton } from '../shared/VoteButton.tsx'

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
          {voting.error ? <FormMessage kind="error">{voting.error}</FormMessage> : null}
          {voting.targets.length === 0 ? <p>{v('vote.noTargets')}</p> : null}
          <ul className="iwv-vote-list">
            {voting.targets.map((target) => (
              <VoteItem key={target.id} voting={voting} target={target} />
            ))}
          </ul>
          {voting.stranded.length > 0 ? (
            <>
              <h3>{v('vote.stranded')}</h3>
              <p className="iw-hint">{v('vote.strandedHint')}</p>
              <ul className="iwv-vote-list" data-testid="phone-stranded">
                {voting.stranded.map((target) => (
                  <VoteItem key={target.id} voting={voting} target={target} stranded />
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
    </section>
  )
}

/** One target: − , my dots, + (none for a target that left the round: its dots only go back). */
function VoteItem({
  voting,
  target,
  stranded,
}: {
  voting: Voting
  target: VoteTarget
  stranded?: boolean
}) {
  const v = useT('views')
  const ballot = voting.ballot
  if (!ballot) return null
  const mine = dotsOn(ballot.votes, target.id)
  // A table device's own cap (the round's × its people) comes with its ballot.
  const max = ballot.maxPerTarget ?? voting.round?.maxPerTarget ?? 0
  return (
    <li className="iwv-vote-item" data-target-id={target.id}>
      <span className="iwv-vote-label">
        {target.label}
        {target.carriedFrom ? (
          <>
            {' '}
            <CarriedNote from={target.carriedFrom} />
          </>
        ) : null}
      </span>
      <span className="iwv-vote-controls">
        <VoteButton
          allowed={mine > 0}
          label={v('vote.minus', { label: target.label })}
          onVote={() => voting.vote(target.id, -1)}
          testId="phone-vote-minus"
        >
          −
        </VoteButton>
        <span className="iwv-vote-mine" aria-live="polite">
          <span aria-hidden="true">{'●'.repeat(Math.min(mine, 5))} </span>
          {v(voting.table ? 'vote.tableDots' : 'vote.myDots', { count: mine })}
        </span>
        {stranded ? (
          <span className="iwv-vote-button-space" />
        ) : (
          <VoteButton
            allowed={ballot.remaining > 0 && !(max > 0 && mine >= max)}
            primary
            label={v('vote.plus', { label: target.label })}
            onVote={() => voting.vote(target.id, 1)}
            testId="phone-vote-plus"
          >
            +
          </VoteButton>
        )}
      </span>
    </li>
  )
}
