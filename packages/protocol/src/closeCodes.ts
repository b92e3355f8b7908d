/**
 * WebSocket close codes used by the sync endpoint, each with the reason text sent along.
 *
 * The 4400–4499 range mirrors HTTP 4xx: a stock `y-websocket` 3.x client does not reconnect after
 * one of these (the server decided; retrying cannot help). 1001 and 4500–4599 are transient: the
 * client reconnects with back-off. Documented in packages/protocol/PROTOCOL.md.
 */
export const CloseCode = {
  /** Server shutting down or restarting; reconnect. */
  GoingAway: { code: 1001, reason: 'going away' },
  /** Frame larger than the configured `maxPayload` (sent by `ws` itself). */
  MessageTooBig: { code: 1009, reason: 'message too big' },
  /**
   * A frame that is not a valid y-websocket message, or carries an update the server's check
   * (sync/updateGuard) or Yjs rejects: declared sizes beyond its bytes, lengths above
   * `SYNC_MAX_STRUCT_LENGTH`, references to what the board lacks (the yjs #687 class).
   */
  MalformedMessage: { code: 4400, reason: 'malformed message' },
  /** No or an invalid session (used from the access issue on). */
  Unauthorized: { code: 4401, reason: 'unauthorized' },
  /** The session was logged out or ended by a password change. */
  SessionEnded: { code: 4401, reason: 'session ended' },
  /** The session reached its lifetime. */
  SessionExpired: { code: 4401, reason: 'session expired' },
  /** A facilitator removed this guest from the workshop. */
  Removed: { code: 4403, reason: 'removed from workshop' },
  /** A guest waiting in the lobby has not been admitted yet. */
  WaitingForAdmission: { code: 4403, reason: 'waiting for admission' },
  /** The session may not open this board. */
  Forbidden: { code: 4403, reason: 'forbidden' },
  /**
   * A participant's update asked for a change outside their rights (another person's idea,
   * meta, a phase that does not allow it; server/src/sync/updateRights.ts). Nothing of it was
   * applied; the client should drop its local copy of the unsaved change and load the board again.
   */
  ChangeRefused: { code: 4403, reason: 'change not permitted' },
  /** The board id is invalid or the board was deleted. */
  BoardNotFound: { code: 4404, reason: 'board not found' },
  /**
   * The update would take the board above `BOARD_MAX_IDEAS` ideas or `BOARD_MAX_BYTES` bytes; it
   * was not applied. The client should drop its local copy of the unsaved change.
   */
  BoardFull: { code: 4413, reason: 'board full' },
  /**
   * Applying the update would cost more than `SYNC_UPDATE_MAX_COST` (about 40 ms of the server's
   * time; sync/updateCost.ts estimates it before applying); it was not applied. Honest edits stay
   * far below; the client should drop its local copy of the unsaved change.
   */
  UpdateTooCostly: { code: 4413, reason: 'update too costly' },
  /** The connection added ideas faster than `SYNC_IDEAS_PER_MINUTE` allows. */
  TooManyIdeas: { code: 4429, reason: 'too many ideas' },
  /**
   * A new connection beyond `SYNC_CONNECTIONS_PER_SESSION` (tabs of one session), or from an
   * address with `SYNC_SESSIONS_PER_IP` people (sessions) or `SYNC_CONNECTIONS_PER_IP` further
   * tabs on the board already; existing connections stay open.
   */
  TooManyConnections: { code: 4429, reason: 'too many connections' },
  /**
   * The connection's updates together cost more server time than its work budget allows
   * (`SYNC_UPDATE_MAX_COST` / 4 per second, two updates at the limit at once).
   */
  TooMuchWork: { code: 4429, reason: 'too much work' },
  /** The connection sent more messages per second than allowed. */
  RateLimited: { code: 4429, reason: 'rate limit exceeded' },
  /** The board could not be loaded or stored; retry later. */
  StorageUnavailable: { code: 4503, reason: 'storage unavailable' },
  /** The client reads so slowly that unsent data piled up beyond the limit; reconnect. */
  TooSlow: { code: 4508, reason: 'too slow' },
  /**
   * A facilitator renamed or re-counted this table device (issue 19 §2): reconnect at once, the
   * new connection carries the table's new label and people.
   */
  TableChanged: { code: 4509, reason: 'table device changed' },
  /** Unexpected server error while handling this connection; retry later. */
  InternalError: { code: 4500, reason: 'internal error' },
} as const

export type CloseCodeName = keyof typeof CloseCode
export interface CloseInfo {
  readonly code: number
  readonly reason: string
}

/**
 * Why the server's access check refuses a connection its board, now or when it checks again:
 * no (valid) session, a session that ended, a board that is not there or not this person's, a
 * guest still in the lobby, a facilitator no longer on the workshop.
 */
export const AccessDenial = {
  NoSession: 'no_session',
  SessionEnded: 'session_ended',
  BoardNotFound: 'board_not_found',
  WaitingForAdmission: 'waiting_for_admission',
  Forbidden: 'forbidden',
} as const

export type AccessDenial = (typeof AccessDenial)[keyof typeof AccessDenial]

const DENIAL_CLOSE: Record<AccessDenial, CloseInfo> = {
  no_session: CloseCode.Unauthorized,
  session_ended: CloseCode.SessionEnded,
  board_not_found: CloseCode.BoardNotFound,
  waiting_for_admission: CloseCode.WaitingForAdmission,
  forbidden: CloseCode.Forbidden,
}

/**
 * The close code for an access denial — the one place that maps the access check's answer to
 * the WebSocket (the HTTP API maps the same reasons in the server's error table).
 */
export function closeInfoFor(reason: AccessDenial): CloseInfo {
  return DENIAL_CLOSE[reason]
}
