/**
 * The outcome model: everything a report or an open-data export says about a workshop, as plain
 * data. The server assembles it (`buildOutcome`); every renderer reads only this. Timestamps are
 * milliseconds since the epoch; hidden and pending ideas are never in it.
 * @module
 */
import type { CarriedFrom, IdeaStatus, ResistanceEntry } from '@ideenwand/board'

export { IDEA_STATUSES, type IdeaStatus } from '@ideenwand/board'

export const LANGS = ['de', 'en'] as const
export type Lang = (typeof LANGS)[number]

/** Licences a workshop may publish its data under (the dcat-ap.de licence list). */
export const LICENCES = ['cc-by-4.0', 'dl-by-de-2.0'] as const
export type Licence = (typeof LICENCES)[number]

export const OUTCOME_COLORS = [
  'yellow',
  'orange',
  'green',
  'blue',
  'violet',
  'red',
  'grey',
] as const
export type OutcomeColor = (typeof OUTCOME_COLORS)[number]

export interface OutcomeWorkshop {
  id: string
  title: string
  /** `YYYY-MM-DD` or null. */
  date: string | null
  place: string | null
  description: string
  language: Lang
  /** Publishing body, e.g. "Stadt Bad Belzig"; null when not set. */
  publisher: string | null
  licence: Licence
  createdAt: number
}

export interface OutcomeIdea {
  id: string
  text: string
  clusterId: string | null
  createdAt: number
  color: OutcomeColor
  /** Only when the workshop opted in to names; otherwise always null. */
  author: string | null
  /** How many people supported it ("+1" instead of writing it again, issue 19 §3). */
  supports: number
  /** Own device, a table's shared device, or typed in from paper (issue 19 §2). */
  source: 'own' | 'table' | 'paper'
  /** With source `table`: the table's label when the idea was written; else null. */
  table: string | null
  /** What became of it (issue 20 §2): its newest status change; `open` without one. */
  status: IdeaStatus
  /** The reason or note of the current status, if any. */
  statusReason: string | null
  /** With `merged`: the idea it was merged with (it may be missing from the outcome). */
  mergedInto: string | null
  /** When the current status was set; null while it was never changed. */
  statusChangedAt: number | null
  /**
   * Carried from another workshop (issue 20 §1): the source workshop and idea, the source's
   * title and date, its dots and rank there; null for ideas written in this workshop.
   */
  carriedFrom: OutcomeCarriedFrom | null
}

/**
 * Where a carried idea came from (issue 20 §1): `workshopId` and `ideaId` name the source
 * workshop and the idea's id in its ideas.csv; `title`/`date` are the source's then; `dots` and
 * `rank` are from the source's latest revealed dot round on ideas (null: none for it);
 * `carriedAt` ms since the epoch.
 */
export type OutcomeCarriedFrom = CarriedFrom

/** One status change of an idea, as the report, open data and public page show it (no author). */
export interface OutcomeStatusChange {
  ideaId: string
  status: IdeaStatus
  reason: string | null
  mergedInto: string | null
  changedAt: number
}

export interface OutcomeCluster {
  id: string
  title: string
  order: number
  color: OutcomeColor
}

/** One cluster with its ideas; `cluster` null is the unsorted bucket (always first). */
export interface OutcomeGroup {
  cluster: OutcomeCluster | null
  ideas: OutcomeIdea[]
}

export interface OutcomePhase {
  phase: 'collect' | 'cluster' | 'vote' | 'discuss'
  startedAt: number
  /** null while the phase is still running. */
  endedAt: number | null
  durationMs: number
}

export interface OutcomeResult {
  targetId: string
  /** The idea text or cluster title at the moment of the reveal. */
  label: string
  dots: number
  rank: number
  tied: boolean
}

/**
 * One option of a revealed resistance round (Systemisches Konsensieren): the sums only, never a
 * person's rating (`@ideenwand/board` resistance.ts).
 */
export type OutcomeResistanceEntry = ResistanceEntry

export interface OutcomeRound {
  /** How the round decided; missing means dots (exports made before resistance rounds). */
  method?: 'dots' | 'resistance'
  number: number
  targetKind: 'idea' | 'cluster'
  /** The round's candidate list, or null for "every idea / cluster". */
  targetIds: string[] | null
  dotsPerPerson: number
  maxPerTarget: number
  voters: number
  revealedAt: number
  /** Ranked, best first; hidden ideas are left out (ranks keep their revealed value). */
  results: OutcomeResult[]
  /** A resistance round's options ranked by least total resistance (`results` is empty). */
  resistance?: OutcomeResistanceEntry[]
}

export interface ActivitySummary {
  joins: number
  phaseChanges: number
  roundsStarted: number
  roundsRevealed: number
  ideasHidden: number
  first: number | null
  last: number | null
  /** Every activity type with its count, sorted by type. */
  byType: Record<string, number>
}

export interface ParticipantCounts {
  facilitators: number
  participants: number
  viewers: number
  /** Display names of admitted guests, only when the workshop opted in; else null. */
  names: string[] | null
}

/** An idea card or cluster frame at its absolute canvas position. */
export interface CanvasShape {
  kind: 'idea' | 'cluster'
  /** Idea or cluster id. */
  refId: string
  x: number
  y: number
  w: number
  h: number
}

/** Count, total and median length of speaking turns. */
export interface SpeakingFigures {
  count: number
  totalMs: number
  medianMs: number | null
}

/** Where the published ideas came from (issue 19 §2), counted. */
export interface OutcomeSources {
  /** From people's own devices. */
  own: number
  /** Typed in from paper by a facilitator ("von Papier übertragen"). */
  paper: number
  /** Per table label: its ideas and, while the table device exists under it, its people. */
  tables: { label: string; ideas: number; people: number | null }[]
  /** Carried from earlier workshops (issue 20 §1), whatever their source there. */
  carried: number
}

/** The speaking queue's finished turns ("Wortmeldungen"). */
export interface OutcomeSpeaking {
  room: SpeakingFigures
  home: SpeakingFigures
  /** Each turn in order, only when the report shows names; else null. */
  turns:
    | { channel: 'room' | 'home'; name: string | null; startedAt: number; durationMs: number }[]
    | null
}

export interface Outcome {
  generatedAt: number
  /** IANA time zone the renderers format times in. */
  timeZone: string
  workshop: OutcomeWorkshop
  facilitators: string[]
  participants: ParticipantCounts
  phases: OutcomePhase[]
  groups: OutcomeGroup[]
  rounds: OutcomeRound[]
  activity: ActivitySummary
  /** Every status change of the outcome's ideas, oldest first (issue 20 §2). */
  statusChanges: OutcomeStatusChange[]
  /** Speaking turns per channel; null when nobody spoke. */
  speaking: OutcomeSpeaking | null
  /** Ideas per source; null when all came from people's own devices. */
  sources: OutcomeSources | null
  /** Idea cards and cluster frames on the canvas (empty: the board picture uses a grid). */
  canvas: CanvasShape[]
  /** The canvas's tldraw records without those of left-out ideas (for the machine export). */
  canvasRecords: unknown[]
  /** The client's serialized tldraw schema (opaque), for the machine export. */
  tldrawSchema: unknown
}
