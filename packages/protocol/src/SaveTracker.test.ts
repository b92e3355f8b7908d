import * as decoding from 'lib0/decoding'
import { describe, expect, it } from 'vitest'
import {
  encodeAck,
  encodeQueryAwareness,
  encodeSaveStatus,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  SaveStatus,
} from './messages.ts'
import { type SaveState, SaveTracker } from './SaveTracker.ts'

class FakeSocket {
  sent: unknown[] = []
  send(data: unknown) {
    this.sent.push(data)
  }
}

function ack(tracker: SaveTracker, seq: number) {
  const decoder = decoding.createDecoder(encodeAck(seq))
  decoding.readVarUint(decoder)
  tracker.handleAck(null, decoder)
}

function saveStatus(tracker: SaveTracker, status: SaveStatus) {
  const decoder = decoding.createDecoder(encodeSaveStatus(status))
  decoding.readVarUint(decoder)
  tracker.handleSaveStatus(null, decoder)
}

describe('SaveTracker', () => {
  it('is saving while updates are unacknowledged and saved once all are', () => {
    const tracker = new SaveTracker()
    const states: SaveState[] = []
    tracker.on((s) => states.push(s))
    const Socket = tracker.wrapWebSocket(FakeSocket)
    const socket = new Socket()
    expect(tracker.state).toBe('saving')
    socket.send(encodeSyncStep1(new Uint8Array([0])))
    socket.send(encodeQueryAwareness())
    socket.send(encodeSyncStep2(new Uint8Array([0])))
    ack(tracker, 1)
    expect(tracker.state).toBe('saved')
    socket.send(encodeSyncUpdate(new Uint8Array([1])))
    socket.send(encodeSyncUpdate(new Uint8Array([2])))
    expect(tracker.state).toBe('saving')
    expect(tracker.pending).toBe(2)
    ack(tracker, 2)
    expect(tracker.state).toBe('saving')
    ack(tracker, 3)
    expect(tracker.state).toBe('saved')
    expect(states).toEqual(['saving', 'saved', 'saving', 'saved'])
    expect(socket.sent).toHaveLength(5)
  })

  it('starts counting afresh on a new socket', () => {
    const tracker = new SaveTracker()
    const Socket = tracker.wrapWebSocket(FakeSocket)
    const first = new Socket()
    first.send(encodeSyncUpdate(new Uint8Array([1])))
    const second = new Socket()
    ack(tracker, 0)
    expect(tracker.state).toBe('saved')
    first.send(encodeSyncUpdate(new Uint8Array([1])))
    expect(tracker.state).toBe('saved')
    second.send(encodeSyncUpdate(new Uint8Array([1])))
    expect(tracker.state).toBe('saving')
  })

  it('says "delayed" while the server cannot store, until everything is acked', () => {
    const tracker = new SaveTracker()
    const states: SaveState[] = []
    tracker.on((s) => states.push(s))
    const Socket = tracker.wrapWebSocket(FakeSocket)
    const socket = new Socket()
    socket.send(encodeSyncStep2(new Uint8Array([0])))
    ack(tracker, 1)
    expect(tracker.state).toBe('saved')
    // Nothing of ours waits: the server's notice alone does not make this client "delayed".
    saveStatus(tracker, SaveStatus.Delayed)
    expect(tracker.serverDelayed).toBe(true)
    expect(tracker.state).toBe('saved')
    socket.send(encodeSyncUpdate(new Uint8Array([1])))
    expect(tracker.state).toBe('delayed')
    socket.send(encodeSyncUpdate(new Uint8Array([2])))
    // Storing works again; the acks follow once the delayed updates are stored.
    saveStatus(tracker, SaveStatus.Ok)
    expect(tracker.state).toBe('saving')
    ack(tracker, 3)
    expect(tracker.state).toBe('saved')
    expect(states).toEqual(['saving', 'saved', 'delayed', 'saving', 'saved'])
  })

  it('leaves "delayed" when acks arrive even before the server says storing is fine again', () => {
    const tracker = new SaveTracker()
    const Socket = tracker.wrapWebSocket(FakeSocket)
    const socket = new Socket()
    saveStatus(tracker, SaveStatus.Delayed)
    expect(tracker.state).toBe('delayed')
    socket.send(encodeSyncStep2(new Uint8Array([0])))
    ack(tracker, 1)
    expect(tracker.state).toBe('saved')
  })

  it('forgets the notice on a new socket (the server repeats it if still delayed)', () => {
    const tracker = new SaveTracker()
    const Socket = tracker.wrapWebSocket(FakeSocket)
    new Socket()
    saveStatus(tracker, SaveStatus.Delayed)
    expect(tracker.state).toBe('delayed')
    new Socket()
    expect(tracker.serverDelayed).toBe(false)
    expect(tracker.state).toBe('saving')
  })
})
