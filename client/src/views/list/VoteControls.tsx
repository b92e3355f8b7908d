/** − / + for one vote target in the list view, with my dots on it in words. */
import { useT } from '../../i18n/LangProvider.tsx'
import { VoteButton } from '../shared/VoteButton.tsx'

export interface TargetVote {
  readonly mine: number
  readonly canPlus: boolean
  readonly canMinus: boolean
  readonly onVote: (delta: 1 | -1) => void
  /** The dots are a table device's, for all its people (issue 19 §2). */
  readonly table?: boolean
}

export function VoteControls({ vote, label }: { vote: TargetVote; label: string }) {
  const v = useT('views')
  return (
    <span className="iwl-vote">
      <VoteButton
        allowed={vote.canMinus}
        label={v('vote.minus', { label })}
        onVote={() => vote.onVote(-1)}
        testId="list-vote-minus"
      >
        −
      </VoteButton>
      <span className="iwv-vote-mine">
        {v(vote.table ? 'list.tableVoteCount' : 'list.voteCount', { count: vote.mine })}
      </span>
      <VoteButton
        allowed={vote.canPlus}
        primary
        label={v('vote.plus', { label })}
        onVote={() => vote.onVote(1)}
        testId="list-vote-plus"
      >
        +
      </VoteButton>
    </span>
  )
}
