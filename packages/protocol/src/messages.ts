/**
 * Wire format of the y-websocket protocol (y-protocols PROTOCOL.md) plus Ideenwand's extension
 * message types, and a strict decoder for frames that come from untrusted clients.
 *
 * Every frame is one message: a leading varUint message type, then its payload. Decoding never
 * trusts declared lengths beyond the frame: lib0 throws on reads past the end, which we turn into a
 * `ProtocolError`.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  /** Ideenwand extension: the server stored the client's first `seq` sync-update messages. */
  Ack: 100,
  /** Ideenwand extension: the workshop's control state (JSON), server → client. */
  Control: 101,
  /**
   * Ideenwand extension: whether the server can store this board now (`SaveStatus`), server →
   * client, only to clients that asked for acks (`?ack=1`).
   */
  SaveStatus: 102,
} as const

/**
 * Payload of a `SaveStatus` message. `Delayed`: the database does not take writes; the room stays
 * live (updates are relayed), acks wait, and the server retries until they are stored. `Ok`:
 * storing works again (sent after everything delayed is stored).
 */
export const SaveStatus = {
  Ok: 0,
  Delayed: 1,
} as const
export type SaveStatus = (typeof SaveStatus)[keyof typeof SaveStatus]

export const SyncMessageType = {
  Step1: 0,
  Step2: 1,
  Update: 2,
} as const

export const MESSAGE_ACK = MessageType.Ack

/** A decoded client frame. `update` and `stateVector` are views into the frame. */
export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-step2'; update: Uint8Array }
  | { type: 'sync-update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }
  | { type: 'auth' }

export class ProtocolError extends Error {
  override name = 'ProtocolError'
}

/** Decode one frame from a client. Throws `ProtocolError` for anything malformed. */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  if (frame.length === 0) throw new ProtocolError('empty frame')
  const decoder = decoding.createDecoder(frame)
  try {
    const type = readSmallUint(decoder)
    let message: ClientMessage
    switch (type) {
      case MessageType.Sync: {
        const sub = readSmallUint(decoder)
        const payload = decoding.readVarUint8Array(decoder)
        if (sub === SyncMessageType.Step1) message = { type: 'sync-step1', stateVector: payload }
        else if (sub === SyncMessageType.Step2) message = { type: 'sync-step2', update: payload }
        else if (sub === SyncMessageType.Update) message = { type: 'sync-update', update: payload }
        else throw new ProtocolError(`unknown sync message type ${sub}`)
        break
      }
      case MessageType.Awareness:
        message = { type: 'awareness', update: decoding.readVarUint8Array(decoder) }
        break
      case MessageType.QueryAwareness:
        message = { type: 'query-awareness' }
        break
      case MessageType.Auth:
        message = { type: 'auth' }
        break
      default:
        throw new ProtocolError(`unknown message type ${type}`)
    }
    if (message.type !== 'auth' && decoding.hasContent(decoder)) {
      throw new ProtocolError('trailing bytes after message')
    }
    return message
  } catch (err) {
    if (err instanceof ProtocolError) throw err
    throw new ProtocolError(`undecodable frame: ${(err as Error).message}`)
  }
}

/** A varUint that must fit a message type: rejects overlong encodings early. */
function readSmallUint(decoder: decoding.Decoder): number {
  const value = decoding.readVarUint(decoder)
  if (value > 0xffff) throw new ProtocolError(`message type out of range: ${value}`)
  return value
}

function encode(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

function encodeSync(
  type: (typeof SyncMessageType)[keyof typeof SyncMessageType],
  payload: Uint8Array,
): Uint8Array {
  return encode((e) => {
    encoding.writeVarUint(e, MessageType.Sync)
    encoding.writeVarUint(e, type)
    encoding.writeVarUint8Array(e, payload)
  })
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return encodeSync(SyncMessageType.Step1, stateVector)
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return encodeSync(SyncMessageType.Step2, update)
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  return encodeSync(SyncMessageType.Update, update)
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  return encode((e) => {
    encoding.writeVarUint(e, MessageType.Awareness)
    encoding.writeVarUint8Array(e, update)
  })
}

export function encodeQueryAwareness(): Uint8Array {
  return encode((e) => encoding.writeVarUint(e, MessageType.QueryAwareness))
}

export function encodeAck(seq: number): Uint8Array {
  return encode((e) => {
    encoding.writeVarUint(e, MessageType.Ack)
    encoding.writeVarUint(e, seq)
  })
}

export function encodeSaveStatus(status: SaveStatus): Uint8Array {
  return encode((e) => {
    encoding.writeVarUint(e, MessageType.SaveStatus)
    encoding.writeVarUint(e, status)
  })
}

/** Reads a `SaveStatus` payload (after the message type); unknown values read as `Ok`. */
export function readSaveStatus(decoder: decoding.Decoder): SaveStatus {
  return decoding.readVarUint(decoder) === SaveStatus.Delayed ? SaveStatus.Delayed : SaveStatus.Ok
}

/** True for frames that carry document content a client expects to be stored (step 2, update). */
export function isSyncUpdateFrame(frame: Uint8Array): boolean {
  return (
    frame[0] === MessageType.Sync &&
    (frame[1] === SyncMessageType.Step2 || frame[1] === SyncMessageType.Update)
  )
}
