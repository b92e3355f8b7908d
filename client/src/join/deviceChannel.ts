/**
 * Where the device puts a person for the join funnel (issue 19 §5), as the landing view does: a
 * phone is in the room ("Saal"), anything else at home. Tiny: the join page (main chunk)
 * imports it.
 */
import { isNarrowScreen } from '../views/shared/landing.ts'

export type Channel = 'room' | 'home'

export function deviceChannel(): Channel {
  return isNarrowScreen() ? 'room' : 'home'
}

/**
 * The channel to report with the join preview the FIRST time this browser opens `code` (the
 * funnel counts openings, not reloads); undefined afterwards or without storage.
 */
export function firstOpening(code: string): Channel | undefined {
  const key = `ideenwand:opened:${code.toUpperCase()}`
  try {
    if (localStorage.getItem(key)) return undefined
    localStorage.setItem(key, '1')
    return deviceChannel()
  } catch {
    return undefined
  }
}
