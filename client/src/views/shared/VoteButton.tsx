/**
 * A − or + button for dot voting in the phone and list views. Never `disabled`: a disabled
 * button drops the keyboard focus to `<body>`. When a dot cannot be given or taken back it is
 * `aria-disabled` and a press does nothing; a held key's auto-repeat is no second press. Every
 * real press is a vote (they are sent in order, see `controlApi.vote`), so Space twice is two dots.
 */
import type { ReactNode } from 'react'

export function VoteButton({
  allowed,
  label,
  primary,
  onVote,
  testId,
  children,
}: {
  allowed: boolean
  label: string
  primary?: boolean
  onVote: () => void
  testId: string
  children: ReactNode
}) {
  return (
    <button
      type="button"
      className={`iw-button iwv-vote-button${primary ? ' iw-button-primary' : ''}`}
      aria-label={label}
      aria-disabled={allowed ? undefined : true}
      onKeyDown={(event) => {
        if (event.repeat) event.preventDefault()
      }}
      onClick={() => {
        if (allowed) onVote()
      }}
      data-testid={testId}
    >
      {children}
    </button>
  )
}
