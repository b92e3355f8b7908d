/**
 * The page heading of the phone and list views (it takes the focus after an in-app navigation)
 * and what to do in the current phase, or how to rate in a resistance round.
 */
import type { ControlState } from '@ideenwand/protocol'
import type { RefObject } from 'react'
import { useT } from '../../i18n/LangProvider.tsx'

export function PhaseTitle({
  heading,
  title,
  phase,
  rating,
}: {
  heading: RefObject<HTMLHeadingElement | null>
  title: string
  phase: ControlState['phase'] | null
  /** A resistance round is open: the instruction says how to rate. */
  rating: boolean
}) {
  const v = useT('views')
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {phase ? (
        <p className="iwv-instruction">
          {v(rating ? 'resistance.instruction' : `instruction.${phase}`)}
        </p>
      ) : null}
    </>
  )
}
