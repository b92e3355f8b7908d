/**
 * The connection state a board shows (connectionState.ts, used by BoardConnection.ts), walked
 * through the transitions a user meets: first connect, handshake, saving until the server acks,
 * a database outage, losing the network, a read-only connection, and the server closing for good.
 */
import { describe, expect, it } from 'vitest'
import { type ConnectionFacts, connectionState } from './connectionState.ts'

/** A connection that just opened: no socket yet, trying. */
const opening: ConnectionFacts = {
  closedForGood: false,
  socketOpen: false,
  synced: false,
  attemptFailed: false,
  browserOffline: false,
  shouldConnect: true,
  readOnly: false,
  deniedOnSocket: false,
  saveState: 'saved',
}
const live: ConnectionFacts = { ...opening, socketOpen: true, synced: true }

describe('connectionState', () => {
  it('goes connecting → connecting (handshake) → saved on a first visit', () => {
    expect(connectionState(opening)).toBe('connecting')
    expect(connectionState({ ...opening, socketOpen: true })).toBe('connecting')
    expect(connectionState(live)).toBe('saved')
  })

  it('shows what the save tracker says once synced: saving, delayed, saved', () => {
    expect(connectionState({ ...live, saveState: 'saving' })).toBe('saving')
    expect(connectionState({ ...live, saveState: 'delayed' })).toBe('delayed')
    expect(connectionState({ ...live, saveState: 'saved' })).toBe('saved')
  })

  it('does not claim saving or saved before the handshake is done', () => {
    expect(connectionState({ ...live, synced: false, saveState: 'saving' })).toBe('connecting')
    expect(connectionState({ ...live, synced: false, readOnly: true })).toBe('connecting')
  })

  it('is offline after a failed attempt, until a socket opens again', () => {
    const failed = { ...opening, attemptFailed: true }
    expect(connectionState(failed)).toBe('offline')
    // BoardConnection resets the failure when the provider reports a socket connected.
    expect(connectionState({ ...failed, attemptFailed: false, socketOpen: true })).toBe(
      'connecting',
    )
  })

  it('is offline at once when the browser says so, without waiting for an attempt', () => {
    expect(connectionState({ ...opening, browserOffline: true })).toBe('offline')
  })

  it('is offline, not connecting, after the provider was told to stop', () => {
    expect(connectionState({ ...opening, shouldConnect: false })).toBe('offline')
  })

  it('trusts an open, synced socket over a stale "browser offline"', () => {
    expect(connectionState({ ...live, browserOffline: true, saveState: 'saving' })).toBe('saving')
  })

  it('is saved for a read-only connection, whose writes are never acked', () => {
    expect(connectionState({ ...live, readOnly: true, saveState: 'saving' })).toBe('saved')
  })

  it('is saved when the server said on this socket that it drops our writes', () => {
    expect(connectionState({ ...live, deniedOnSocket: true, saveState: 'saving' })).toBe('saved')
    expect(connectionState({ ...live, deniedOnSocket: true, saveState: 'delayed' })).toBe('saved')
  })

  it('stays closed once the server closed for good, whatever else is true', () => {
    expect(connectionState({ ...live, closedForGood: true })).toBe('closed')
    expect(connectionState({ ...opening, closedForGood: true, attemptFailed: true })).toBe('closed')
    expect(connectionState({ ...live, closedForGood: true, saveState: 'saving' })).toBe('closed')
  })
})
