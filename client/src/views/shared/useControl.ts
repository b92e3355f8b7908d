/**
 * The workshop's control state (phase, timer, round, my ballot, visibility lists, me) that the
 * server pushes over the board connection. It stays at its last value while offline, so a phone
 * that lost the Wi-Fi still knows who it is and what phase it is in.
 */
import type { ControlState } from '@ideenwand/protocol'
import { useSyncExternalStore } from 'react'
import type { BoardConnection } from '../../board/BoardConnection.ts'

export type { ControlState }

const noopSubscribe = () => () => {}
const none = () => null

export function useControl(connection: BoardConnection | null): ControlState | null {
  return useSyncExternalStore(
    connection?.subscribeControl ?? noopSubscribe,
    connection?.getControl ?? none,
  )
}
