/**
 * "Ähnliche Idee: … — unterstützen statt neu schreiben?" under an idea's text field (issue 19 §3):
 * up to three similar public ideas, each with "Unterstützen (+1)" (pressed again: withdraw).
 * The list is a polite live region, so a screen reader hears the hints once typing pauses; the
 * field keeps the focus and typing goes on — a hint never blocks sending. The server decides
 * whether a support counts; the count comes back in the control state.
 */
import { useId, useState } from 'react'
import { controlApi } from '../../api/control.ts'
import { useT } from '../../i18n/LangProvider.tsx'
import type { ControlState } from './useControl.ts'
import type { Idea } from './useIdeas.ts'
import { type SimilarHint, useSimilarIdeas } from './useSimilarIdeas.ts'

/** What a form needs to show hints: the ideas this device sees and the control state. */
export interface SimilarSource {
  ideas: readonly Idea[]
  control: ControlState | null
}

/** Whether `control` lets this person support ideas now (the server's rule, IdeaSupport.ts). */
export function maySupport(control: ControlState | null): boolean {
  return (
    control?.me.role === 'participant' &&
    !control.locked &&
    (control.phase === 'collect' || control.phase === 'cluster')
  )
}

/** The hints for a draft `text` (nothing until a similar idea is found). */
export function DraftHints({ text, source }: { text: string; source: SimilarSource }) {
  const hints = useSimilarIdeas(text, source.ideas, source.control)
  return (
    <SimilarHints
      hints={hints}
      workshopId={source.control?.workshopId ?? null}
      canSupport={maySupport(source.control)}
    />
  )
}

export function SimilarHints({
  hints,
  workshopId,
  canSupport,
}: {
  hints: readonly SimilarHint[]
  workshopId: string | null
  /** This person may support ideas now (a participant while collecting or sorting). */
  canSupport: boolean
}) {
  const v = useT('views')
  const id = useId()
  const [busy, setBusy] = useState<string | null>(null)
  const [status, setStatus] = useState('')

  const toggle = async (ideaId: string, on: boolean) => {
    if (!workshopId) return
    setBusy(ideaId)
    try {
      await controlApi.support(workshopId, ideaId, on)
      setStatus(on ? v('similar.supportedStatus') : v('similar.withdrawnStatus'))
    } catch {
      setStatus(v('similar.failed'))
    } finally {
      setBusy(null)
    }
  }

  return (
    <div className="iwv-similar" data-testid="similar-hints">
      <ul aria-live="polite" aria-label={v('similar.heading')} className="iwv-similar-list">
        {hints.map(({ idea, supported }, k) => (
          <li key={idea.id} className="iwv-similar-item" data-testid="similar-hint">
            <p id={`${id}-${k}`}>{v('similar.hint', { text: idea.text })}</p>
            {canSupport ? (
              <button
                type="button"
                className="iw-button iwv-similar-support"
                aria-pressed={supported}
                aria-describedby={`${id}-${k}`}
                disabled={busy === idea.id}
                onClick={() => void toggle(idea.id, !supported)}
                data-testid="similar-support"
              >
                {supported ? v('similar.supported') : v('similar.support')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <p role="status" className="iw-visually-hidden">
        {status}
      </p>
    </div>
  )
}
