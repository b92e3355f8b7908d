import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import {
  decodeClientMessage,
  encodeAck,
  encodeAwareness,
  encodeQueryAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  isSyncUpdateFrame,
  ProtocolError,
} from './messages.ts'

describe('decodeClientMessage', () => {
  it('round-trips every client message type', () => {
    const bytes = new Uint8Array([1, 2, 3])
    expect(decodeClientMessage(encodeSyncStep1(bytes))).toEqual({
      type: 'sync-step1',
      stateVector: bytes,
    })
    expect(decodeClientMessage(encodeSyncStep2(bytes))).toEqual({
      type: 'sync-step2',
      update: bytes,
    })
    expect(decodeClientMessage(encodeSyncUpdate(bytes))).toEqual({
      type: 'sync-update',
      update: bytes,
    })
    expect(decodeClientMessage(encodeAwareness(bytes))).toEqual({
      type: 'awareness',
      update: bytes,
    })
    expect(decodeClientMessage(encodeQueryAwareness())).toEqual({ type: 'query-awareness' })
  })

  it.each([
    ['empty', new Uint8Array([])],
    ['truncated varint', new Uint8Array([0x80])],
    ['unknown type', new Uint8Array([9])],
    ['unknown sync type', new Uint8Array([0, 7, 0])],
    ['length beyond the frame', new Uint8Array([0, 2, 50, 1, 2])],
    ['trailing bytes', new Uint8Array([3, 0])],
    ['overlong type', new Uint8Array([0xff, 0xff, 0xff, 0x7f])],
  ])('rejects %s with a ProtocolError', (_name, frame) => {
    expect(() => decodeClientMessage(frame)).toThrow(ProtocolError)
  })

  it('rejects a declared length of 2^31 without allocating it', () => {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 1)
    encoding.writeVarUint(e, 2 ** 31)
    expect(() => decodeClientMessage(encoding.toUint8Array(e))).toThrow(ProtocolError)
  })

  it('recognises frames that carry document content', () => {
    expect(isSyncUpdateFrame(encodeSyncUpdate(new Uint8Array([1])))).toBe(true)
    expect(isSyncUpdateFrame(encodeSyncStep2(new Uint8Array([1])))).toBe(true)
    expect(isSyncUpdateFrame(encodeSyncStep1(new Uint8Array([1])))).toBe(false)
    expect(isSyncUpdateFrame(encodeAck(3))).toBe(false)
  })
})
