/**
 * Typed errors thrown by the board domain model. Transports (HTTP, WebSocket, UI) translate
 * `BoardError.code` in one place each; the message is for developers and logs.
 * @module
 */

/** Every reason a board operation can refuse. */
export const BoardErrorCode = {
  InvalidInput: 'invalid-input',
  InvalidId: 'invalid-id',
  DuplicateId: 'duplicate-id',
  UnknownIdea: 'unknown-idea',
  UnknownCluster: 'unknown-cluster',
  UnknownColor: 'unknown-color',
  TextTooLong: 'text-too-long',
  TitleTooLong: 'title-too-long',
  AuthorTooLong: 'author-too-long',
  SchemaTooNew: 'schema-too-new',
  MigrationMissing: 'migration-missing',
} as const

export type BoardErrorCode = (typeof BoardErrorCode)[keyof typeof BoardErrorCode]

/**
 * Thrown for invalid input, unknown ids and unsupported schema versions.
 *
 * @example
 * try {
 *   board.addIdea({ text })
 * } catch (err) {
 *   if (err instanceof BoardError && err.code === 'text-too-long') showLimitHint()
 *   else throw err
 * }
 */
export class BoardError extends Error {
  override readonly name = 'BoardError'
  readonly code: BoardErrorCode

  constructor(code: BoardErrorCode, message: string) {
    super(message)
    this.code = code
  }
}
