/**
 * What the list view says politely about changes by others: "Neue Idee: …" (once an idea by
 * someone else has settled text, so typing on the canvas is not read letter by letter), the
 * phase, "Noch 1 Minute", time up, a round opening and the reveal. Nothing is said for what is
 * already there when the page opens.
 */
import type { TFunction } from 'i18next'
import { useEffect, useRef } from 'react'
import type { ControlState } from '../shared/useControl.ts'
import type { VisibleIdeas } from '../shared/useIdeas.ts'

/** How long an idea's text must stay unchanged before it is announced. */
const SETTLE_MS = 1500

export function useListAnnouncements(
  visible: VisibleIdeas,
  control: ControlState | null,
  remainingMs: number | null,
  ready: boolean,
  v: TFunction<'views'>,
  announce: (text: string) => void,
): void {
  const known = useRef<Set<string> | null>(null)
  const settle = useRef(0)

  // New ideas by others.
  useEffect(() => {
    if (!ready || !control) return
    if (known.current === null) {
      known.current = new Set(visible.ideas.map((idea) => idea.id))
      return
    }
    window.clearTimeout(settle.current)
    const fresh = visible.ideas.filter(
      (idea) => !known.current?.has(idea.id) && !visible.isMine(idea) && idea.text.trim(),
    )
    if (fresh.length === 0) return
    settle.current = window.setTimeout(() => {
      for (const idea of fresh) known.current?.add(idea.id)
      announce(fresh.map((idea) => v('announce.newIdea', { text: idea.text.trim() })).join(' '))
    }, SETTLE_MS)
    return () => window.clearTimeout(settle.current)
  }, [visible, control, ready, v, announce])

  // Phase, round and reveal.
  const phase = control?.phase
  const roundStatus = control?.round ? `${control.round.id}:${control.round.status}` : null
  const revealed = control?.history.length ?? 0
  const last = useRef<{ phase?: string; round: string | null; revealed: number } | null>(null)
  useEffect(() => {
    if (!phase) return
    const prev = last.current
    last.current = { phase, round: roundStatus, revealed }
    if (!prev) return
    if (prev.phase !== phase) announce(v('announce.phase', { phase: v(`phase.${phase}`) }))
    else if (revealed > prev.revealed) announce(v('announce.resultsShown'))
    else if (roundStatus !== prev.round && roundStatus?.endsWith(':open')) {
      announce(v('announce.roundOpen'))
    }
  }, [phase, roundStatus, revealed, v, announce])

  // The timer: one minute left, time up.
  const lastRemaining = useRef<number | null>(null)
  useEffect(() => {
    const prev = lastRemaining.current
    lastRemaining.current = remainingMs
    if (prev === null || remainingMs === null) return
    if (prev > 60_000 && remainingMs <= 60_000 && remainingMs > 0) announce(v('announce.oneMinute'))
    else if (prev > 0 && remainingMs === 0) announce(v('announce.timeUp'))
  }, [remainingMs, v, announce])
}
