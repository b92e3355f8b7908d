/** Wire codecs, message types and close codes shared by the Ideenwand client and server. */
export { CloseCode, type CloseCodeName, type CloseInfo } from './closeCodes.ts'
export {
  type ClientMessage,
  decodeClientMessage,
  encodeAck,
  encodeAwareness,
  encodeQueryAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  isSyncUpdateFrame,
  MESSAGE_ACK,
  MessageType,
  ProtocolError,
  SyncMessageType,
} from './messages.ts'
export { type SaveState, SaveTracker } from './SaveTracker.ts'
