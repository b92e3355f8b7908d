/**
 * A modal dialog of the facilitator panel (suggested clusters, history): title and introduction
 * name and describe it, focus stays inside, Escape closes.
 */
import { type ReactNode, useId, useRef } from 'react'
import { useFocusTrap } from './useFocusTrap.ts'

export function ModalDialog({
  className,
  testId,
  title,
  intro,
  onClose,
  children,
}: {
  className: string
  testId: string
  title: string
  intro: string
  onClose: () => void
  children: ReactNode
}) {
  const titleId = useId()
  const introId = useId()
  const ref = useRef<HTMLDivElement>(null)
  useFocusTrap(ref, onClose)
  return (
    <div className="iw-overlay">
      <div
        ref={ref}
        className={`iw-dialog ${className}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={introId}
        data-testid={testId}
      >
        <h2 id={titleId}>{title}</h2>
        <p id={introId}>{intro}</p>
        {children}
      </div>
    </div>
  )
}
