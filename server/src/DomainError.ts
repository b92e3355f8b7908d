/**
 * Typed refusals of the server's domain (workshop control, voting, history, outcome and import,
 * board access). The domain says *what* was refused with a code; the transports say how: the
 * HTTP API through the one table in `http/errors.ts` (code → status and message), the WebSocket
 * through `closeInfoFor` (packages/protocol, close codes). Nothing here knows about HTTP.
 * @module
 */
/** Every reason the domain refuses a request. */
export const DomainErrorCode = {
  /** The workshop does not exist (or was deleted meanwhile). */
  WorkshopNotFound: 'workshop_not_found',
  /** The workshop is archived: nothing about it changes until it is brought back. */
  WorkshopArchived: 'workshop_archived',
  /** No held idea with that id, or it is someone else's. */
  HeldIdeaNotFound: 'held_idea_not_found',
  /** A round is open; it must be closed before a new one starts. */
  RoundOpen: 'round_open',
  /** There is no round (open or closed) to reveal. */
  NoRound: 'no_round',
  /** Only participants vote. */
  NotAVoter: 'not_a_voter',
  /** No round is open, or the workshop is not in the vote phase. */
  NoOpenRound: 'no_open_round',
  /** The request belongs to the other method (a dot in a resistance round, or the reverse). */
  WrongMethod: 'wrong_method',
  /** Resistance is an integer from 0 to 10. */
  InvalidResistance: 'invalid_resistance',
  /** A resistance round needs at least one idea or cluster besides the passive solution. */
  NoOptions: 'no_options',
  /** A resistance round offers at most `RESISTANCE_MAX_OPTIONS` ideas or clusters. */
  TooManyOptions: 'too_many_options',
  /** "+1" support (issue 19 §3): only participants support ideas. */
  NotASupporter: 'not_a_supporter',
  /** No public idea with that id on the workshop's board (held, hidden, deleted, elsewhere). */
  IdeaNotFound: 'idea_not_found',
  /** Support is open while ideas are collected or sorted, and the board is not locked. */
  SupportClosed: 'support_closed',
  /** Idea status (issue 20 §2): "nicht umgesetzt" needs a reason. */
  StatusReasonRequired: 'status_reason_required',
  /** A merge names no idea, the idea itself, or no public idea of the workshop. */
  InvalidMergeTarget: 'invalid_merge_target',
  /** Merging would close a circle (A into B while B is merged into A). */
  MergeCycle: 'merge_cycle',
  /** One's own idea cannot be supported. */
  OwnIdea: 'own_idea',
  /** This person supports the idea already. */
  AlreadySupported: 'already_supported',
  /** This person does not support the idea (nothing to withdraw). */
  NotSupported: 'not_supported',
  /** Carrying (issue 20 §1): no such cluster in the source workshop. */
  ClusterNotFound: 'cluster_not_found',
  /** Carrying into the workshop the ideas come from. */
  CarrySameWorkshop: 'carry_same_workshop',
  /** More ideas named (with the clusters' ideas) than one carry takes. */
  CarryTooMany: 'carry_too_many',
  /** Ballot rules (`@ideenwand/board` `BallotError`, the same strings). */
  BudgetExhausted: 'budget-exhausted',
  TargetMaximum: 'target-maximum',
  InvalidTarget: 'invalid-target',
  NoDotToRemove: 'no-dot-to-remove',
  /** The board's room was closed while a history change was being written. */
  BoardUnavailable: 'board_unavailable',
  /** Board access (`Access.boardAccess`): no such board, or not this principal's. */
  BoardNotFound: 'board_not_found',
  /** Board access: the guest waits in the lobby. */
  WaitingForAdmission: 'waiting_for_admission',
  /** Speaking queue: only participants ask to speak. */
  NotASpeaker: 'not_a_speaker',
  /** No such open request to speak, or someone else's. */
  SpeakingRequestNotFound: 'speaking_request_not_found',
  /** The person is speaking now; they cannot ask again until the turn ends. */
  AlreadySpeaking: 'already_speaking',
  SpeakingQueueFull: 'speaking_queue_full',
  /** Nobody waits and nobody speaks. */
  SpeakingQueueEmpty: 'speaking_queue_empty',
  NobodySpeaking: 'nobody_speaking',
  /** A person changed their own request too often in a minute. */
  SpeakingTooFast: 'speaking_too_fast',
  /** Import refusals (docs/security.md "Import bombs"); their messages carry the figures. */
  InvalidImport: 'invalid_import',
  ImportTooDeep: 'import_too_deep',
  ImportTooManyIdeas: 'import_too_many_ideas',
  ImportTooManyEntries: 'import_too_many_entries',
  ImportOverlappingEntries: 'import_overlapping_entries',
  ImportUnpacksTooLarge: 'import_unpacks_too_large',
  ImportBoardTooLarge: 'import_board_too_large',
  ImportTooLarge: 'import_too_large',
  ImportTimeout: 'import_timeout',
  /** Other imports are running and enough are waiting. */
  ImportBusy: 'import_busy',
} as const satisfies Record<string, string>

export type DomainErrorCode = (typeof DomainErrorCode)[keyof typeof DomainErrorCode]

/**
 * A refusal with its code. `message` says what happened in this case (figures, names); where it
 * is left out, the transport's text for the code is used.
 *
 * @example
 * if (c.round?.status === 'open') throw new DomainError(DomainErrorCode.RoundOpen)
 */
export class DomainError extends Error {
  override readonly name = 'DomainError'

  constructor(
    readonly code: DomainErrorCode,
    /** The case's own explanation, shown instead of the code's standard text. */
    readonly detail?: string,
  ) {
    super(detail ?? code)
  }
}
