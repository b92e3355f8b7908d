/**
 * @ideenwand/report — the outcome of a workshop as files: report (Markdown, HTML, board SVG),
 * open data (CSV, Frictionless Data Package, DCAT-AP.de JSON-LD), the machine export and a ZIP
 * of everything. Pure functions over the {@link Outcome} model; see README.md.
 * @module
 */
export {
  type BoardLayout,
  boardLayout,
  type LayoutCard,
  type LayoutFrame,
  PALETTE,
  wrapText,
} from './boardLayout.ts'
export { boardSvg, layoutSvg } from './boardSvg.ts'
export {
  buildOutcome,
  type OutcomeSource,
  phaseSegments,
  summariseActivity,
} from './buildOutcome.ts'
export { canvasShapes } from './canvas.ts'
export { carriedNote } from './carried.ts'
export { type Change, changesBetween, MAX_ENTRIES_PER_KIND } from './changelog.ts'
export { barChartSvg, CHART_BARS, type ChartBar, chartBars, truncate } from './chart.ts'
export {
  CSV_DIALECTS,
  type CsvCell,
  type CsvDialect,
  type CsvOptions,
  csvCell,
  csvDialect,
  toCsv,
} from './csv.ts'
export {
  type ChangelogEntry,
  DATA_PACKAGE_FILES,
  type DataPackageFiles,
  type PackageSnapshot,
  type PackageVersion,
  packageSnapshot,
  renderDataPackage,
  snapshotRows,
  type TableResource,
  type TableRows,
  tableRows,
  toDataPackage,
} from './dataPackage.ts'
export {
  CSV_FORMAT_URI,
  CSV_MEDIA_TYPE_URI,
  DCAT_CONTEXT,
  type DcatOptions,
  toDcatApDe,
} from './dcat.ts'
export { escapeMarkdown, escapeXml } from './escape.ts'
export {
  baseName,
  formatDateTime,
  formatDay,
  formatDuration,
  isoSeconds,
  LICENCE_INFO,
  type LicenceInfo,
  slug,
} from './format.ts'
export { toHtml } from './html.ts'
export { LABELS, type LabelKey, type Labels, labels } from './labels.ts'
export {
  EXPORT_FILE,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type MachineExport,
  toMachineExport,
} from './machineExport.ts'
export { type MarkdownOptions, toMarkdown } from './markdown.ts'
export {
  type AtomOptions,
  ideaAnchor,
  latestRound,
  type PublicPageOptions,
  rankIdeas,
  toAtomFeed,
  toPublicPage,
} from './publicPage.ts'
export { type ReceiptIdea, type ReceiptPageOptions, toReceiptPage } from './receiptPage.ts'
export {
  optionLabel,
  resistanceOf,
  resistanceTable,
  resistanceVerdict,
  roundBars,
  roundFacts,
  roundHeading,
} from './resistance.ts'
export { sourceRows, sourceSummary, type TableSource } from './sources.ts'
export { type SpeakingTurnSource, speakingSummary, turnFigures } from './speaking.ts'
export { ideaTextsOf, quoted, statusLabel, statusText } from './status.ts'
export {
  CHANGE_KINDS,
  CHANGELOG_FIELDS,
  type ChangeKind,
  CLUSTERS_FIELDS,
  IDEAS_FIELDS,
  RESISTANCE_FIELDS,
  STATUS_CHANGES_FIELDS,
  type TableField,
  VOTES_FIELDS,
} from './tableSchemas.ts'
export {
  type ActivitySummary,
  type CanvasShape,
  IDEA_STATUSES,
  type IdeaStatus,
  LANGS,
  type Lang,
  LICENCES,
  type Licence,
  OUTCOME_COLORS,
  type Outcome,
  type OutcomeCarriedFrom,
  type OutcomeCluster,
  type OutcomeColor,
  type OutcomeGroup,
  type OutcomeIdea,
  type OutcomePhase,
  type OutcomeResistanceEntry,
  type OutcomeResult,
  type OutcomeRound,
  type OutcomeSources,
  type OutcomeSpeaking,
  type OutcomeStatusChange,
  type OutcomeWorkshop,
  type ParticipantCounts,
  type SpeakingFigures,
} from './types.ts'
export { toOpenDataZip, toOpenDataZipAsync, ZIP_FILES, type ZipOptions } from './zip.ts'
