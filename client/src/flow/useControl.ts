/**
 * The workshop's control state as the server pushed it over the board's WebSocket, for React
 * (`useSyncExternalStore` over `BoardConnection.subscribeControl`). Null until the first message.
 */
import type { ControlState } from '@ideenwand/protocol'
import { useSyncExternalStore } from 'react'
import type { BoardConnection } from '../board/BoardConnection.ts'

const noopSubscribe = () => () => {}
const none = () => null

export function useControl(connection: BoardConnection | null): ControlState | null {
  return useSyncExternalStore(
    connection?.subscribeControl ?? noopSubscribe,
    connection?.getControl ?? none,
  )
}
