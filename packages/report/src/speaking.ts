/**
 * The "Wortmeldungen" section's figures: speaking turns per channel (room, home) with their
 * count, total and median length, and — only where the report shows names — who spoke when.
 */
import type { OutcomeSpeaking, SpeakingFigures } from './types.ts'

export interface SpeakingTurnSource {
  channel: 'room' | 'home'
  name: string | null
  startedAt: number
  endedAt: number
}

/** Count, total and median of turn lengths (ms). */
export function turnFigures(durations: readonly number[]): SpeakingFigures {
  const sorted = [...durations].sort((a, b) => a - b)
  const n = sorted.length
  const mid = Math.floor(n / 2)
  const at = (i: number) => sorted[i] as number
  const medianMs = n === 0 ? null : n % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2
  return { count: n, totalMs: sorted.reduce((sum, d) => sum + d, 0), medianMs }
}

/** The section's model; null when nobody spoke (the section is left out). */
export function speakingSummary(
  turns: readonly SpeakingTurnSource[],
  includeNames: boolean,
): OutcomeSpeaking | null {
  if (turns.length === 0) return null
  const length = (t: SpeakingTurnSource) => Math.max(0, t.endedAt - t.startedAt)
  const of = (channel: 'room' | 'home') =>
    turnFigures(turns.filter((t) => t.channel === channel).map(length))
  return {
    room: of('room'),
    home: of('home'),
    turns: includeNames
      ? [...turns]
          .sort((a, b) => a.startedAt - b.startedAt)
          .map((t) => ({
            channel: t.channel,
            name: t.name,
            startedAt: t.startedAt,
            durationMs: length(t),
          }))
      : null,
  }
}
