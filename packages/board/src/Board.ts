/**
 * Board: the canonical domain model (ideas, clusters, meta) over a board's Y.Doc. Every view, the
 * server and the report read and write ideas through it, never through tldraw records. Writes
 * validate their input and run in one transaction each; reads are tolerant of malformed entries.
 * @module
 */
import * as Y from 'yjs'
import { BoardError } from './BoardError'
import { placeCards } from './cardPlacement'
import { carriedFromValue, readCarriedFrom } from './carriedFrom'
import { DEFAULT_CLUSTER_COLOR, DEFAULT_IDEA_COLOR } from './colors'
import type { IdeaSource } from './ideaSource'
import { newId } from './ids'
import { ideaTextOf, isClusterEntry, readCluster, readIdea } from './read'
import { BOARD_KEYS, META_KEYS } from './schema'
import { applyTextDiff } from './textDiff'
import type {
  Cluster,
  ClusterGroup,
  Idea,
  IdeaPatch,
  NewCluster,
  NewIdea,
  TldrawSchemaValue,
} from './types'
import {
  checkAuthorField,
  checkClusterTitle,
  checkColor,
  checkIdeaText,
  checkNewId,
  checkSource,
  checkTableLabel,
} from './validate'

/** Options for {@link Board}; for tests and importers. */
/** How a move from a view without a canvas keeps the whiteboard in step. */
export interface MoveOptions {
  /**
   * Also move the idea's card into its new cluster's frame (or out of its old one), in the same
   * transaction (cardPlacement.ts). Views without a canvas set this; the whiteboard moves cards
   * itself.
   */
  withCard?: boolean
}

export interface BoardOptions {
  /** Clock for `createdAt` (ms since the epoch). Default `Date.now`. */
  now?: () => number
}

/** Patch of {@link Board.updateCluster}; omitted fields stay as they are. */
export interface ClusterPatch {
  title?: string
  color?: Cluster['color']
  order?: number
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** Sets `key` only if it changes, so no-op writes add nothing to the doc's history. */
function setIfChanged(map: Y.Map<unknown>, key: string, value: unknown): void {
  if (map.get(key) !== value) map.set(key, value)
}

/**
 * The board's domain model. Construct one per doc and view; it holds no state besides the doc.
 *
 * @example
 * const board = new Board(doc)
 * const id = board.addIdea({ text: 'Mehr Bänke am Marktplatz', authorName: 'Aylin' })
 * const stop = board.observe(() => render(board.ideasByCluster()))
 */
export class Board {
  readonly doc: Y.Doc
  private readonly meta: Y.Map<unknown>
  private readonly ideaMap: Y.Map<unknown>
  private readonly clusterMap: Y.Map<unknown>
  private readonly now: () => number

  constructor(doc: Y.Doc, options: BoardOptions = {}) {
    this.doc = doc
    this.meta = doc.getMap(BOARD_KEYS.meta)
    this.ideaMap = doc.getMap(BOARD_KEYS.ideas)
    this.clusterMap = doc.getMap(BOARD_KEYS.clusters)
    this.now = options.now ?? Date.now
  }

  // Ideas

  /** All readable ideas, oldest first (by `createdAt`, then id). Malformed entries are skipped. */
  ideas(): Idea[] {
    const exists = (clusterId: string) => isClusterEntry(this.clusterMap.get(clusterId))
    const ideas: Idea[] = []
    for (const [id, entry] of this.ideaMap.entries()) {
      const idea = readIdea(id, entry, exists)
      if (idea !== undefined) ideas.push(idea)
    }
    return ideas.sort((a, b) => a.createdAt - b.createdAt || byId(a, b))
  }

  /** One idea, or undefined if it does not exist or is malformed. */
  idea(id: string): Idea | undefined {
    return readIdea(id, this.ideaMap.get(id), (clusterId) =>
      isClusterEntry(this.clusterMap.get(clusterId)),
    )
  }

  /** The idea's collaborative text, for binding an editor (e.g. y-prosemirror or a textarea). */
  ideaText(id: string): Y.Text | undefined {
    return ideaTextOf(this.ideaMap.get(id))
  }

  /**
   * Adds an idea in one transaction and returns its id.
   * @throws BoardError `text-too-long`, `unknown-color`, `unknown-cluster`, `author-too-long`,
   * `invalid-id`, `duplicate-id`, `invalid-input`
   */
  addIdea(input: NewIdea): string {
    const text = checkIdeaText(input.text)
    const authorId = checkAuthorField('authorId', input.authorId)
    const authorName = checkAuthorField('authorName', input.authorName)
    const color = input.color === undefined ? DEFAULT_IDEA_COLOR : checkColor(input.color)
    const clusterId = this.checkClusterRef(input.clusterId)
    const id = input.id === undefined ? newId() : checkNewId(input.id)
    if (this.ideaMap.has(id)) throw new BoardError('duplicate-id', `idea ${id} already exists`)

    const entry = new Y.Map<unknown>()
    entry.set('text', new Y.Text(text))
    entry.set('authorId', authorId)
    entry.set('authorName', authorName)
    entry.set('createdAt', this.now())
    entry.set('color', color)
    entry.set('clusterId', clusterId)
    const source = input.source === undefined ? 'own' : checkSource(input.source)
    if (source !== 'own') entry.set('source', source)
    if (source === 'table') entry.set('table', checkTableLabel(input.table))
    if (input.carriedFrom !== undefined && input.carriedFrom !== null) {
      const carried = readCarriedFrom(input.carriedFrom)
      if (carried === null) throw new BoardError('invalid-input', 'carriedFrom is not valid')
      entry.set('carriedFrom', carriedFromValue(carried))
    }
    this.doc.transact(() => this.ideaMap.set(id, entry))
    return id
  }

  /**
   * Changes an idea's text to `text` by deleting and inserting only the span that differs, so a
   * concurrent edit by someone else in another part of the text survives.
   * @throws BoardError `unknown-idea`, `text-too-long`, `invalid-input`
   */
  setIdeaText(id: string, text: string): void {
    const checked = checkIdeaText(text)
    const entry = this.ideaEntry(id)
    this.doc.transact(() => {
      const ytext = ideaTextOf(entry)
      // A malformed entry (text written as a plain value) is repaired with a fresh Y.Text.
      if (ytext === undefined) entry.set('text', new Y.Text(checked))
      else applyTextDiff(ytext, checked)
    })
  }

  /**
   * Changes an idea's colour and/or cluster in one transaction.
   * @throws BoardError `unknown-idea`, `unknown-color`, `unknown-cluster`
   */
  updateIdea(id: string, patch: IdeaPatch): void {
    const entry = this.ideaEntry(id)
    const color = patch.color === undefined ? undefined : checkColor(patch.color)
    const clusterId =
      patch.clusterId === undefined ? undefined : this.checkClusterRef(patch.clusterId)
    this.doc.transact(() => {
      if (color !== undefined) setIfChanged(entry, 'color', color)
      if (clusterId !== undefined) setIfChanged(entry, 'clusterId', clusterId)
    })
  }

  /**
   * Sets where an idea came from (SCHEMA.md, "source"): `own` removes the mark, `paper` is a
   * facilitator's "von Papier übertragen", `table` needs the table's label. Participants may not
   * write it; the server stamps table ideas itself.
   * @throws BoardError `unknown-idea`, `invalid-input`, `author-too-long`
   */
  setIdeaSource(id: string, source: IdeaSource, table: string | null = null): void {
    const entry = this.ideaEntry(id)
    const checked = checkSource(source)
    const label = checked === 'table' ? checkTableLabel(table) : null
    this.doc.transact(() => {
      if (checked === 'own') {
        if (entry.has('source')) entry.delete('source')
      } else setIfChanged(entry, 'source', checked)
      if (label === null) {
        if (entry.has('table')) entry.delete('table')
      } else setIfChanged(entry, 'table', label)
    })
  }

  /** Puts an idea into a cluster, or back into the unsorted bucket with null. */
  moveIdea(id: string, clusterId: string | null, options: MoveOptions = {}): void {
    if (!options.withCard) {
      this.updateIdea(id, { clusterId })
      return
    }
    this.doc.transact(() => {
      this.updateIdea(id, { clusterId })
      placeCards(this.doc, [{ ideaId: id, clusterId }])
    })
  }

  /** @throws BoardError `unknown-idea` */
  deleteIdea(id: string): void {
    if (!this.ideaMap.has(id)) throw new BoardError('unknown-idea', `no idea ${id}`)
    this.doc.transact(() => this.ideaMap.delete(id))
  }

  // Clusters

  /** All readable clusters, by `order` then id. Malformed entries are skipped. */
  clusters(): Cluster[] {
    const clusters: Cluster[] = []
    for (const [id, entry] of this.clusterMap.entries()) {
      const cluster = readCluster(id, entry)
      if (cluster !== undefined) clusters.push(cluster)
    }
    return clusters.sort((a, b) => a.order - b.order || byId(a, b))
  }

  /** One cluster, or undefined if it does not exist or is malformed. */
  cluster(id: string): Cluster | undefined {
    return readCluster(id, this.clusterMap.get(id))
  }

  /**
   * Adds a cluster after the existing ones and returns its id.
   * @throws BoardError `title-too-long`, `unknown-color`, `invalid-id`, `duplicate-id`
   */
  addCluster(input: NewCluster): string {
    const title = checkClusterTitle(input.title)
    const color = input.color === undefined ? DEFAULT_CLUSTER_COLOR : checkColor(input.color)
    const id = input.id === undefined ? newId() : checkNewId(input.id)
    if (this.clusterMap.has(id)) throw new BoardError('duplicate-id', `cluster ${id} exists`)
    const last = this.clusters().reduce((max, c) => Math.max(max, c.order), -1)
    const order = last >= Number.MAX_SAFE_INTEGER ? last : last + 1

    const entry = new Y.Map<unknown>()
    entry.set('title', title)
    entry.set('order', order)
    entry.set('color', color)
    this.doc.transact(() => this.clusterMap.set(id, entry))
    return id
  }

  /** @throws BoardError `unknown-cluster`, `title-too-long` */
  renameCluster(id: string, title: string): void {
    this.updateCluster(id, { title })
  }

  /**
   * Changes a cluster's title, colour and/or order in one transaction.
   * @throws BoardError `unknown-cluster`, `title-too-long`, `unknown-color`, `invalid-input`
   */
  updateCluster(id: string, patch: ClusterPatch): void {
    const entry = this.clusterEntry(id)
    const title = patch.title === undefined ? undefined : checkClusterTitle(patch.title)
    const color = patch.color === undefined ? undefined : checkColor(patch.color)
    if (patch.order !== undefined && !Number.isFinite(patch.order)) {
      throw new BoardError('invalid-input', 'cluster order must be a finite number')
    }
    this.doc.transact(() => {
      if (title !== undefined) setIfChanged(entry, 'title', title)
      if (color !== undefined) setIfChanged(entry, 'color', color)
      if (patch.order !== undefined) setIfChanged(entry, 'order', patch.order)
    })
  }

  /**
   * Deletes a cluster; its ideas become unsorted, in the same transaction. An idea that someone
   * moves into the cluster concurrently also reads as unsorted (see `ideas()`).
   * @throws BoardError `unknown-cluster`
   */
  deleteCluster(id: string): void {
    if (!this.clusterMap.has(id)) throw new BoardError('unknown-cluster', `no cluster ${id}`)
    this.doc.transact(() => {
      for (const entry of this.ideaMap.values()) {
        if (entry instanceof Y.Map && entry.get('clusterId') === id) entry.set('clusterId', null)
      }
      this.clusterMap.delete(id)
    })
  }

  /** Moves every idea of `sourceId` into `targetId` and deletes `sourceId`, in one transaction. */
  mergeClusters(sourceId: string, targetId: string, options: MoveOptions = {}): void {
    if (sourceId === targetId) return
    if (!this.clusterMap.has(sourceId))
      throw new BoardError('unknown-cluster', `no cluster ${sourceId}`)
    if (!this.clusterMap.has(targetId))
      throw new BoardError('unknown-cluster', `no cluster ${targetId}`)
    this.doc.transact(() => {
      for (const entry of this.ideaMap.values()) {
        if (entry instanceof Y.Map && entry.get('clusterId') === sourceId)
          entry.set('clusterId', targetId)
      }
      if (options.withCard) {
        const moved = this.ideas().filter((idea) => idea.clusterId === targetId)
        placeCards(
          this.doc,
          moved.map((idea) => ({ ideaId: idea.id, clusterId: targetId })),
        )
      }
      this.clusterMap.delete(sourceId)
    })
  }

  /** Moves `ideaIds` into a new cluster titled `title`; returns its id (one transaction). */
  splitCluster(ideaIds: readonly string[], title: string, options: MoveOptions = {}): string {
    for (const id of ideaIds) {
      if (!this.ideaMap.has(id)) throw new BoardError('unknown-idea', `no idea ${id}`)
    }
    let clusterId = ''
    this.doc.transact(() => {
      clusterId = this.addCluster({ title })
      for (const id of ideaIds) this.moveIdea(id, clusterId)
      if (options.withCard)
        placeCards(
          this.doc,
          ideaIds.map((ideaId) => ({ ideaId, clusterId })),
        )
    })
    return clusterId
  }

  /**
   * Ideas grouped for list-like views: the unsorted bucket (`cluster: null`) always comes FIRST,
   * then every cluster in order, each with its ideas oldest first. Empty groups are included.
   */
  ideasByCluster(): ClusterGroup[] {
    const unsorted: ClusterGroup = { cluster: null, ideas: [] }
    const groups = new Map<string, ClusterGroup>()
    for (const cluster of this.clusters()) groups.set(cluster.id, { cluster, ideas: [] })
    for (const idea of this.ideas()) {
      const group = idea.clusterId === null ? undefined : groups.get(idea.clusterId)
      ;(group ?? unsorted).ideas.push(idea)
    }
    return [unsorted, ...groups.values()]
  }

  // Changes and meta

  /**
   * Calls `fn` once after every transaction (local or remote) that changed ideas or clusters,
   * including idea texts. Returns a function that stops observing.
   */
  observe(fn: () => void): () => void {
    const roots: ReadonlySet<unknown> = new Set([this.ideaMap, this.clusterMap])
    const listener = (transaction: Y.Transaction) => {
      // changedParentTypes lists every changed type and its ancestors, so nested idea texts count.
      for (const type of transaction.changedParentTypes.keys()) {
        if (roots.has(type)) {
          fn()
          return
        }
      }
    }
    this.doc.on('afterTransaction', listener)
    return () => this.doc.off('afterTransaction', listener)
  }

  /** The client's serialized tldraw schema as stored, or undefined if unset or malformed. */
  tldrawSchema(): TldrawSchemaValue | undefined {
    const value: unknown = this.meta.get(META_KEYS.tldrawSchema)
    return isTldrawSchemaValue(value) ? value : undefined
  }

  /**
   * Stores the client's serialized tldraw schema opaquely.
   * @throws BoardError `invalid-input` unless it is a string or a plain JSON object
   */
  setTldrawSchema(schema: TldrawSchemaValue): void {
    if (!isTldrawSchemaValue(schema)) {
      throw new BoardError('invalid-input', 'tldraw schema must be a string or a plain object')
    }
    this.doc.transact(() => this.meta.set(META_KEYS.tldrawSchema, schema))
  }

  private ideaEntry(id: string): Y.Map<unknown> {
    const entry: unknown = this.ideaMap.get(id)
    if (!(entry instanceof Y.Map)) throw new BoardError('unknown-idea', `no idea ${id}`)
    return entry
  }

  private clusterEntry(id: string): Y.Map<unknown> {
    const entry: unknown = this.clusterMap.get(id)
    if (!isClusterEntry(entry)) throw new BoardError('unknown-cluster', `no cluster ${id}`)
    return entry
  }

  private checkClusterRef(clusterId: string | null | undefined): string | null {
    if (clusterId === undefined || clusterId === null) return null
    if (!isClusterEntry(this.clusterMap.get(clusterId))) {
      throw new BoardError('unknown-cluster', `no cluster ${clusterId}`)
    }
    return clusterId
  }
}

function isTldrawSchemaValue(value: unknown): value is TldrawSchemaValue {
  if (typeof value === 'string') return true
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}
