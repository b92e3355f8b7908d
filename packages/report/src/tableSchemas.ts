/**
 * The Table Schemas of the open-data package (Frictionless): every column of `ideas.csv`,
 * `clusters.csv`, `votes.csv`, `resistance.csv`, `status_changes.csv` and `changelog.csv` with
 * its type, description and constraints. What the columns mean lives here; dataPackage.ts fills
 * and renders them.
 */
import { IDEA_SOURCES } from '@ideenwand/board'
import { IDEA_STATUSES, OUTCOME_COLORS } from './types.ts'

export interface TableField {
  name: string
  type: 'string' | 'integer' | 'number' | 'datetime' | 'boolean'
  description: string
  constraints?: {
    required?: boolean
    unique?: boolean
    enum?: string[]
    minimum?: number
    maximum?: number
  }
}

const colour: TableField = {
  name: 'colour',
  type: 'string',
  description: 'Colour on the board (palette name)',
  constraints: { required: true, enum: [...OUTCOME_COLORS] },
}

const status: TableField = {
  name: 'status',
  type: 'string',
  description:
    'What became of the idea: open, in_review (being looked at), forwarded (handed to the administration), implemented, not_implemented (with a reason), merged (with the idea in merged_into)',
  constraints: { required: true, enum: [...IDEA_STATUSES] },
}

const mergedInto: TableField = {
  name: 'merged_into',
  type: 'string',
  description:
    'With status merged: the idea (ideas.csv) it was merged with; empty otherwise or when that idea is not public',
}

export const IDEAS_FIELDS: TableField[] = [
  {
    name: 'id',
    type: 'string',
    description: 'Idea id (unique within the board)',
    constraints: { required: true, unique: true },
  },
  {
    name: 'text',
    type: 'string',
    description:
      "The idea as written. Text beginning with =, +, -, @, tab or CR is prefixed with ' against spreadsheet formula injection.",
    constraints: { required: true },
  },
  {
    name: 'cluster_id',
    type: 'string',
    description: 'Cluster the idea is in (clusters.csv); empty when unsorted',
  },
  {
    name: 'created',
    type: 'datetime',
    description: 'When the idea was written (UTC, author device clock)',
    constraints: { required: true },
  },
  colour,
  {
    name: 'supports',
    type: 'integer',
    description: 'How many participants supported the idea ("+1") instead of writing it again',
    constraints: { required: true, minimum: 0 },
  },
  {
    name: 'source',
    type: 'string',
    description:
      "Where the idea came from: own (a participant's own device), table (the shared device of a table in the room, on behalf of the people there) or paper (written on paper and typed in by the facilitators)",
    constraints: { required: true, enum: [...IDEA_SOURCES] },
  },
  {
    name: 'table',
    type: 'string',
    description:
      'With source table: the table\'s label (e.g. "Tisch 3") when the idea was written; empty otherwise. Names no person',
  },
  status,
  {
    name: 'status_reason',
    type: 'string',
    description: 'Reason or note given with the current status (always given for not_implemented)',
  },
  mergedInto,
  {
    name: 'status_changed',
    type: 'datetime',
    description: 'When the current status was set (UTC); empty while it was never changed',
  },
  {
    name: 'carried_from_workshop',
    type: 'string',
    description:
      "Carried over from an earlier workshop of the series: that workshop's id (its open data and results page use the same id); empty for ideas written in this workshop",
  },
  {
    name: 'carried_from_idea',
    type: 'string',
    description:
      "With carried_from_workshop: the idea's id in that workshop's ideas.csv; empty otherwise",
  },
]

export const STATUS_CHANGES_FIELDS: TableField[] = [
  {
    name: 'change',
    type: 'integer',
    description: 'Number of the change, from 1, in the order they were made',
    constraints: { required: true, unique: true, minimum: 1 },
  },
  {
    name: 'idea_id',
    type: 'string',
    description: 'The idea (ideas.csv) whose status changed',
    constraints: { required: true },
  },
  status,
  {
    name: 'reason',
    type: 'string',
    description: 'Reason or note given with the status (always given for not_implemented)',
  },
  mergedInto,
  {
    name: 'changed',
    type: 'datetime',
    description: 'When the status was set (UTC); who set it is not published',
    constraints: { required: true },
  },
]

export const CLUSTERS_FIELDS: TableField[] = [
  {
    name: 'id',
    type: 'string',
    description: 'Cluster id (unique within the board)',
    constraints: { required: true, unique: true },
  },
  { name: 'title', type: 'string', description: 'Cluster title', constraints: { required: true } },
  {
    name: 'position',
    type: 'integer',
    description: 'Order of the cluster on the board, from 1',
    constraints: { required: true, minimum: 1 },
  },
  colour,
  {
    name: 'idea_count',
    type: 'integer',
    description: 'Number of published ideas in the cluster',
    constraints: { required: true, minimum: 0 },
  },
]

export const VOTES_FIELDS: TableField[] = [
  {
    name: 'round',
    type: 'integer',
    description: 'Number of the voting round, from 1',
    constraints: { required: true, minimum: 1 },
  },
  {
    name: 'target_id',
    type: 'string',
    description: 'The idea (ideas.csv) or cluster (clusters.csv) voted on',
    constraints: { required: true },
  },
  {
    name: 'target_kind',
    type: 'string',
    description: 'What was voted on in the round',
    constraints: { required: true, enum: ['idea', 'cluster'] },
  },
  {
    name: 'dots',
    type: 'integer',
    description: 'Dots the target got in the round (sum over all voters)',
    constraints: { required: true, minimum: 0 },
  },
  {
    name: 'rank',
    type: 'integer',
    description: 'Rank in the round (1 = most dots; equal dots share a rank)',
    constraints: { required: true, minimum: 1 },
  },
  {
    name: 'tied',
    type: 'boolean',
    description: 'Whether other targets have the same number of dots',
    constraints: { required: true },
  },
]

export const RESISTANCE_FIELDS: TableField[] = [
  {
    name: 'round',
    type: 'integer',
    description: 'Number of the voting round (a resistance round), from 1',
    constraints: { required: true, minimum: 1 },
  },
  {
    name: 'option_id',
    type: 'string',
    description:
      'The idea (ideas.csv) or cluster (clusters.csv) rated; "::passive" for the passive solution',
    constraints: { required: true },
  },
  {
    name: 'option_kind',
    type: 'string',
    description: 'What the option is: an idea, a cluster, or the passive solution (leave as is)',
    constraints: { required: true, enum: ['idea', 'cluster', 'passive'] },
  },
  {
    name: 'title',
    type: 'string',
    description:
      "The idea text or cluster title at the reveal, or the passive solution's name. Text beginning with =, +, -, @, tab or CR is prefixed with ' against spreadsheet formula injection.",
    constraints: { required: true },
  },
  {
    name: 'raters',
    type: 'integer',
    description:
      "People whose ratings count (they rated every option; a table's shared device counts its people)",
    constraints: { required: true, minimum: 0 },
  },
  {
    name: 'total',
    type: 'integer',
    description: "Total resistance: the sum of everyone's 0–10 points for the option",
    constraints: { required: true, minimum: 0 },
  },
  {
    name: 'mean',
    type: 'number',
    description: 'Mean resistance per person (0–10, two decimals); empty without raters',
    constraints: { minimum: 0, maximum: 10 },
  },
  {
    name: 'acceptance',
    type: 'number',
    description: 'Acceptance: 10 − mean (0–10, two decimals); empty without raters',
    constraints: { minimum: 0, maximum: 10 },
  },
  {
    name: 'rank',
    type: 'integer',
    description:
      'Rank in the round (1 = least total resistance; equal totals share a rank, the passive solution listed first among them)',
    constraints: { required: true, minimum: 1 },
  },
  {
    name: 'tied',
    type: 'boolean',
    description: 'Whether other options have the same total resistance',
    constraints: { required: true },
  },
]

export const CHANGE_KINDS = [
  'published',
  'idea_added',
  'idea_carried',
  'idea_removed',
  'idea_changed',
  'status_changed',
  'cluster_added',
  'cluster_removed',
  'cluster_changed',
  'round_added',
  'metadata_changed',
] as const
export type ChangeKind = (typeof CHANGE_KINDS)[number]

export const CHANGELOG_FIELDS: TableField[] = [
  {
    name: 'entry',
    type: 'integer',
    description: 'Number of the entry, from 1, oldest first',
    constraints: { required: true, unique: true, minimum: 1 },
  },
  {
    name: 'version',
    type: 'integer',
    description:
      'The version of the data package that made the change (datapackage.json "version")',
    constraints: { required: true, minimum: 1 },
  },
  {
    name: 'modified',
    type: 'datetime',
    description: 'When that version was published (UTC)',
    constraints: { required: true },
  },
  {
    name: 'change',
    type: 'string',
    description:
      'What changed: published (the first version), idea_added, idea_carried (carried over from another workshop), idea_removed, idea_changed (text, cluster, colour or supports), status_changed, cluster_added, cluster_removed, cluster_changed, round_added (a revealed voting round), metadata_changed (title, description, licence or publisher)',
    constraints: { required: true, enum: [...CHANGE_KINDS] },
  },
  {
    name: 'item_id',
    type: 'string',
    description:
      'The idea (ideas.csv) or cluster (clusters.csv) concerned, or the number of the round; empty when the entry sums up several',
  },
  {
    name: 'detail',
    type: 'string',
    description:
      "The change in words, in the workshop's language. Text beginning with =, +, -, @, tab or CR is prefixed with ' against spreadsheet formula injection.",
    constraints: { required: true },
  },
]
