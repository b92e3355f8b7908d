/**
 * @ideenwand/board — the canonical domain model of a board (ideas, clusters, schema, canvas
 * store) over a Y.Doc. See README.md for the API and SCHEMA.md for the doc layout.
 * @module
 */
export { Board, type BoardOptions, type ClusterPatch, type MoveOptions } from './Board'
export { BoardError, BoardErrorCode } from './BoardError'
export { type CanvasEntry, canvasRecords, canvasStore } from './canvasStore'
export { CARD_GAP, FRAME_TITLE_H, freeSlot } from './cardPlacement'
export {
  type CarriedFrom,
  carriedFromValue,
  MAX_CARRIED_TITLE,
  readCarriedFrom,
} from './carriedFrom'
export {
  DEFAULT_CLUSTER_COLOR,
  DEFAULT_IDEA_COLOR,
  IDEA_COLORS,
  type IdeaColor,
  isIdeaColor,
} from './colors'
export { IDEA_SOURCES, type IdeaSource, isIdeaSource, MAX_TABLE_LABEL } from './ideaSource'
export { IDEA_STATUSES, type IdeaStatus, isIdeaStatus, MAX_STATUS_REASON } from './ideaStatus'
export { ID_PATTERN, isValidId, newId, PROTOTYPE_NAMES } from './ids'
export {
  isPhase,
  mayWriteBoard,
  nextPhase,
  PHASE_RULES,
  PHASES,
  type Phase,
  type PhaseRules,
  ROLES,
  type Role,
} from './phases'
export {
  ballotComplete,
  isResistance,
  PASSIVE_OPTION,
  passiveAhead,
  RESISTANCE_MAX,
  RESISTANCE_MAX_OPTIONS,
  RESISTANCE_MIN,
  type ResistanceEntry,
  type ResistanceOption,
  rankResistance,
} from './resistance'
export {
  BOARD_KEYS,
  BOARD_MIGRATIONS,
  BOARD_SCHEMA_VERSION,
  type BoardMigration,
  type BoardSchemaCheck,
  boardSchemaVersion,
  CANVAS_SHAPES,
  checkBoardSchema,
  clusterFrameId,
  ideaCardId,
  initBoard,
  META_KEYS,
  type MigrateBoardOptions,
  migrateBoard,
} from './schema'
export { diffText, type TextChange } from './textDiff'
export type {
  Cluster,
  ClusterGroup,
  Idea,
  IdeaPatch,
  NewCluster,
  NewIdea,
  TldrawSchemaValue,
} from './types'
export { MAX_AUTHOR_FIELD, MAX_CLUSTER_TITLE, MAX_IDEA_TEXT } from './validate'
export {
  applyDot,
  type Ballot,
  type BallotError,
  dotsOn,
  dotsUsed,
  emptyBallot,
  type RankedEntry,
  type RoundRules,
  rankTally,
  topTargets,
} from './voting'
