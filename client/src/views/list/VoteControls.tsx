import { useT } from '../../i18n/LangProvider.tsx'
/** − / + for one vote target in the list view, with my dots on it in words. */

export interface TargetVote {
  readonly mine: number
  readonly canPlus: boolean
  readonly canMinus: boolean
  readonly onVote: (delta: 1 | -1) => void
}

export function VoteControls({ vote, label }: { vote: TargetVote; label: string }) {
  const v = useT('views')
  return (
    <span className="iwl-vote">
      <button
        type="button"
        className="iw-button iwv-vote-button"
        aria-label={v('vote.minus', { label })}
        disabled={!vote.canMinus}
        onClick={() => vote.onVote(-1)}
        data-testid="list-vote-minus"
      >
        −
      </button>
      <span className="iwv-vote-mine">{v('list.voteCount', { count: vote.mine })}</span>
      <button
        type="button"
        className="iw-button iw-button-primary iwv-vote-button"
        aria-label={v('vote.plus', { label })}
        disabled={!vote.canPlus}
        onClick={() => vote.onVote(1)}
        data-testid="list-vote-plus"
      >
        +
      </button>
    </span>
  )
}
