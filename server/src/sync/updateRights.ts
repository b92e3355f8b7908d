/**
 * Decides whether a participant may make the change an update carries, before it touches the
 * board. The update guard (updateGuard.ts) has already checked that the update is well formed
 * and needs nothing the board lacks; here it is decoded (`Y.decodeUpdate`) and every struct it
 * inserts and every live item it deletes is resolved to what it touches in the domain model
 * (packages/board SCHEMA.md): an idea entry, an idea's field or text, a cluster, a meta key, a
 * canvas record, or something else. Each is checked against the writer's identity, the phase
 * rules, the lock and the workshop's settings (`BoardPolicy`). One refused part refuses the whole
 * update: nothing of it is applied, stored or relayed.
 *
 * Only participants are checked: facilitators own the board, viewers cannot write at all, and a
 * connection without a role exists only where the server runs without accounts (tests, bench).
 *
 * Authorship: an idea's `authorId`/`authorName` can only be written when the idea is created,
 * and only as the connection's own guest id and display name (or null: anonymous). After that
 * the fields are immutable for participants, so `authorId` is the server's record of who created
 * the idea, and "own idea" rights and erasure (`/api/me/forget`) rely on it.
 *
 * Source (issue 19 §2): participants never write an idea's `source` or `table`; the room stamps
 * a table device's new ideas with its table in the same transaction that applies them.
 *
 * Provenance (issue 20 §1): an idea's `carriedFrom` is the server's alone — it writes it when a
 * facilitator carries ideas from another workshop. No client writes or removes it, a
 * facilitator's neither: `checkServerFields` is the one check facilitators' updates get.
 */
import { BOARD_KEYS, isValidId, META_KEYS } from '@ideenwand/board'
import * as Y from 'yjs'
import { type BoardPolicy, OPEN_POLICY, type Rights, rightsOf, type Writer } from './boardPolicy.ts'
import {
  type CanvasIndex,
  type CanvasRecord,
  derivedKey,
  isEntry,
  recordRef,
} from './canvasIndex.ts'
import { StructTargets, type Target } from './structTargets.ts'
import { type Struct, UpdateStructs } from './updateStructs.ts'

/** What an admitted update does that the room acts on after applying it. */
export interface RightsVerdict {
  /** Ideas the update creates. */
  createdIdeas: string[]
  /** Ideas held by the server whose card the update writes (taken out as well). */
  cardsOfHeldIdeas: string[]
}

/** The update asks for something the writer may not do; `message` says what. */
export class UpdateRefused extends Error {
  override name = 'UpdateRefused'
}

/** Idea fields only the server writes, for every client (facilitators included). */
const SERVER_ONLY_FIELDS: ReadonlySet<string> = new Set(['carriedFrom'])

/** Live items an update may delete before the check gives up (bounded work per message). */
const MAX_DELETE_VISITS = 200_000
function refuse(message: string): never {
  throw new UpdateRefused(message)
}

/** The item holding a map key's current value (Yjs keeps it in `_map`). */
function liveEntry(map: Y.Map<unknown>, key: string): Y.Item | undefined {
  return (map as unknown as { _map: Map<string, Y.Item> })._map.get(key)
}

/**
 * Checks a participant's update; throws `UpdateRefused` with the reason, or returns if every
 * part of it is within the writer's rights.
 */
export function checkRights(
  doc: Y.Doc,
  update: Uint8Array,
  writer: Writer,
  policy: BoardPolicy,
  canvas: CanvasIndex,
): RightsVerdict {
  return new RightsCheck(doc, update, writer, rightsOf(policy), canvas, policy).run()
}

/**
 * Checks an update of a writer trusted with the whole board (a facilitator): it may not write
 * or remove a field only the server writes (`carriedFrom`), except by deleting the whole idea.
 * Throws `UpdateRefused`.
 */
export function checkServerFields(doc: Y.Doc, update: Uint8Array): void {
  new RightsCheck(
    doc,
    update,
    { id: null, name: null },
    { addIdeas: true, editOwn: true, arrange: true },
    null,
    OPEN_POLICY,
  ).serverFields()
}

class RightsCheck {
  private readonly decoded: {
    structs: Struct[]
    ds: { clients: Map<number, { clock: number; len: number }[]> }
  }
  private readonly targets: StructTargets
  private readonly ideas: Y.Map<unknown>
  private readonly clusters: Y.Map<unknown>
  /** Ideas this update creates (their fields may be written once, by the author). */
  private readonly createdIdeas = new Set<string>()
  private readonly deletedIdeas = new Set<string>()
  private readonly deletedClusters = new Set<string>()
  private readonly createdClusters = new Set<string>()
  /** Canvas records written (set) and deleted by this update. */
  private readonly canvasSets = new Map<string, CanvasRecord>()
  private readonly canvasDeletes = new Map<string, CanvasRecord>()
  /** The update writes the stored tldraw schema again, unchanged (a second seed of a new board). */
  private restamped = false
  private readonly cardsOfHeld: string[] = []

  constructor(
    private readonly doc: Y.Doc,
    update: Uint8Array,
    private readonly writer: Writer,
    private readonly rights: Rights,
    private readonly canvas: CanvasIndex | null,
    private readonly policy: Pick<BoardPolicy, 'heldIdeaIds' | 'ideaAuthors'>,
  ) {
    this.decoded = Y.decodeUpdate(update) as unknown as RightsCheck['decoded']
    this.targets = new StructTargets(doc, new UpdateStructs(this.decoded.structs), refuse)
    this.ideas = doc.getMap(BOARD_KEYS.ideas)
    this.clusters = doc.getMap(BOARD_KEYS.clusters)
  }

  run(): RightsVerdict {
    // Idea and cluster entries first: field writes are judged by whether their idea is new.
    const items: { item: Y.Item; target: Target }[] = []
    for (const struct of this.decoded.structs) {
      if (!(struct instanceof Y.Item)) continue // GC: deleted content, touches nothing live
      const target = this.targets.ofUpdateStruct(struct)
      if (target.t === 'idea') this.ideaEntry(struct, target.ideaId)
      else if (target.t === 'cluster' && target.clusterId !== null && this.isTypeItem(struct)) {
        if (!this.clusters.has(target.clusterId)) {
          if (!isValidId(target.clusterId)) refuse('a cluster key that is not a valid id')
          this.createdClusters.add(target.clusterId)
        }
      }
      items.push({ item: struct, target })
    }
    for (const { item, target } of items) this.inserted(item, target)
    this.deletions()
    this.canvasChanges()
    return { createdIdeas: [...this.createdIdeas], cardsOfHeldIdeas: this.cardsOfHeld }
  }

  /** Only the server's own fields (see `checkServerFields`); cheap unless the update has them. */
  serverFields(): void {
    for (const struct of this.decoded.structs) {
      if (!(struct instanceof Y.Item)) continue
      if (struct.parentSub === null || !SERVER_ONLY_FIELDS.has(struct.parentSub)) continue
      const target = this.targets.ofUpdateStruct(struct)
      if (target.t === 'ideaField') {
        refuse(`${struct.parentSub} of idea ${target.ideaId} is set by the server`)
      }
    }
    for (const [client, ranges] of this.decoded.ds.clients) {
      const structs = this.doc.store.clients.get(client)
      if (!structs) continue
      const state = Y.getState(this.doc.store, client)
      for (const range of ranges) {
        const end = Math.min(range.clock + range.len, state)
        if (range.clock >= end) continue
        for (let i = Y.findIndexSS(structs, range.clock); i < structs.length; i++) {
          const s = structs[i]!
          if (s.id.clock >= end) break
          if (!(s instanceof Y.Item) || s.deleted) continue
          if (s.parentSub === null || !SERVER_ONLY_FIELDS.has(s.parentSub)) continue
          const target = this.targets.ofBoardItem(s)
          if (target.t !== 'ideaField') continue
          // Deleting the idea deletes its fields with it: that is allowed.
          const entry = (s.parent as Y.AbstractType<Y.YEvent<never>>)._item
          if (entry && this.deletesId(entry.id)) continue
          refuse(`${s.parentSub} of idea ${target.ideaId} is set by the server`)
        }
      }
    }
  }

  /** Whether the update's delete set covers `id`. */
  private deletesId(id: Y.ID): boolean {
    const ranges = this.decoded.ds.clients.get(id.client) ?? []
    return ranges.some((r) => r.clock <= id.clock && id.clock < r.clock + r.len)
  }

  /** Whether the update's delete set covers its own `item` (a hand-made update can). */
  private deletesItself(item: Y.Item): boolean {
    const ranges = this.decoded.ds.clients.get(item.id.client) ?? []
    return ranges.some(
      (r) => r.clock < item.id.clock + item.length && item.id.clock < r.clock + r.len,
    )
  }

  private isTypeItem(item: Y.Item): boolean {
    return item.content instanceof Y.ContentType
  }

  // ---- rules ------------------------------------------------------------------------------

  /**
   * The idea exists on the board, readable, and this writer created it: by the server's record
   * (anonymous ideas have no author in the document), or by the authorId written at creation.
   */
  private own(ideaId: string): boolean {
    if (this.createdIdeas.has(ideaId)) return true
    const entry = this.ideas.get(ideaId)
    if (this.writer.id === null || !(entry instanceof Y.Map)) return false
    return (
      this.policy.ideaAuthors.get(ideaId) === this.writer.id ||
      entry.get('authorId') === this.writer.id
    )
  }

  private mayEdit(ideaId: string): boolean {
    return this.createdIdeas.has(ideaId) || (this.rights.editOwn && this.own(ideaId))
  }

  private ideaEntry(item: Y.Item, ideaId: string): void {
    if (item.content instanceof Y.ContentDeleted) return // judged as a deletion below
    if (this.ideas.has(ideaId)) refuse(`idea ${ideaId} exists and may not be replaced`)
    if (!(item.content instanceof Y.ContentType) || !(item.content.type instanceof Y.Map)) {
      refuse(`idea ${ideaId} is not a map`)
    }
    if (!this.rights.addIdeas) refuse('adding ideas is closed')
    if (!isValidId(ideaId)) refuse('an idea key that is not a valid id')
    this.createdIdeas.add(ideaId)
  }

  private inserted(item: Y.Item, target: Target): void {
    const deleted = item.content instanceof Y.ContentDeleted
    switch (target.t) {
      case 'gc':
        return
      case 'idea':
        // A deleted entry on the idea's key removes the idea's current value.
        if (deleted && this.ideas.has(target.ideaId)) this.deleteIdea(target.ideaId)
        return
      case 'ideaField':
        this.ideaField(target.ideaId, target.field, deleted ? undefined : item)
        return
      case 'ideaText':
        if (!this.mayEdit(target.ideaId)) refuse(`may not edit the text of idea ${target.ideaId}`)
        return
      case 'cluster':
        if (!this.rights.arrange) refuse('clusters are arranged by the facilitator now')
        return
      case 'meta': {
        // A new board's first whiteboard stamps the tldraw schema; nothing else in meta. Two
        // whiteboards that found the board empty at once stamp the same schema: the second
        // stamp changes nothing and is let through — whether it lost to the first on the
        // sender (then it arrives deleted) or replaced it there (then the first's removal is
        // in this update too: `restamped`). A stamp the update itself deletes again replaces
        // nothing, so it cannot excuse removing the stored one.
        const meta = this.doc.getMap(BOARD_KEYS.meta)
        if (target.key === META_KEYS.tldrawSchema) {
          if (deleted || !meta.has(META_KEYS.tldrawSchema)) return
          if (
            !this.deletesItself(item) &&
            item.content instanceof Y.ContentAny &&
            sameJson(item.content.getContent()[0], meta.get(META_KEYS.tldrawSchema))
          ) {
            this.restamped = true
            return
          }
        }
        refuse(`may not change meta.${target.key ?? '?'}`)
        return
      }
      case 'canvas':
        if (deleted) return // inserted and removed again: nothing stays
        if (!(item.content instanceof Y.ContentAny)) refuse('canvas entries must be records')
        for (const entry of item.content.getContent()) {
          if (!isEntry(entry)) refuse('canvas entry without key and record')
          this.canvasSets.set(entry.key, entry.val)
        }
        return
      case 'other':
        refuse(`may not write ${target.what}`)
    }
  }

  /** A value written to (or, with `item` undefined, removed from) an idea's field. */
  private ideaField(ideaId: string, field: string | null, item: Y.Item | undefined): void {
    if (this.deletedIdeas.has(ideaId)) return
    const created = this.createdIdeas.has(ideaId)
    const value = item?.content instanceof Y.ContentAny ? item.content.getContent()[0] : undefined
    switch (field) {
      case 'text':
        if (!this.mayEdit(ideaId)) refuse(`may not edit the text of idea ${ideaId}`)
        return
      case 'color':
        if (!this.mayEdit(ideaId)) refuse(`may not change the colour of idea ${ideaId}`)
        return
      case 'clusterId':
        if (this.rights.arrange) return
        if (created && (value === null || value === undefined)) return
        refuse(`may not move idea ${ideaId} between clusters now`)
        return
      case 'authorId':
        if (!created) refuse(`the author of idea ${ideaId} is fixed`)
        if (value !== null && value !== this.writer.id) refuse('authorId must be your own id')
        return
      case 'authorName':
        if (!created) refuse(`the author of idea ${ideaId} is fixed`)
        if (value !== null && value !== this.writer.name) refuse('authorName must be your name')
        return
      case 'createdAt':
        if (!created) refuse(`createdAt of idea ${ideaId} is fixed`)
        return
      case 'carriedFrom':
        // Provenance of a carried idea (issue 20 §1): written by the server only.
        refuse(`carriedFrom of idea ${ideaId} is set by the server`)
        return
      case 'source':
      case 'table':
        // Where an idea came from is the server's word (issue 19 §2): it stamps a table device's
        // ideas itself (Room), and only facilitators mark ideas as typed in from paper.
        refuse(`the source of idea ${ideaId} is set by the server`)
        return
      default:
        refuse(`ideas have no field ${field ?? '(none)'}`)
    }
  }

  private deleteIdea(ideaId: string): void {
    if (this.deletedIdeas.has(ideaId)) return
    if (!this.mayEdit(ideaId)) refuse(`may not delete idea ${ideaId}`)
    this.deletedIdeas.add(ideaId)
  }

  /** Every live item the delete set removes, judged by what it belongs to. */
  private deletions(): void {
    let visits = 0
    // Entries first: deleting an idea deletes its fields and text with it.
    const later: { item: Y.Item; start: number; end: number }[] = []
    for (const [client, ranges] of this.decoded.ds.clients) {
      const structs = this.doc.store.clients.get(client)
      if (!structs) continue // only what this update itself inserts
      const state = Y.getState(this.doc.store, client)
      for (const range of ranges) {
        const end = Math.min(range.clock + range.len, state)
        if (range.clock >= end) continue
        let i = Y.findIndexSS(structs, range.clock)
        for (; i < structs.length; i++) {
          const s = structs[i]!
          if (s.id.clock >= end) break
          if (++visits > MAX_DELETE_VISITS) refuse('deletes too much at once')
          if (!(s instanceof Y.Item) || s.deleted) continue
          const pos = this.targets.positionOfBoardItem(s)
          if (pos && 'root' in pos.parent && pos.parent.root === BOARD_KEYS.ideas && pos.sub) {
            // Only the key's current value counts; older values are already replaced.
            if (liveEntry(this.ideas, pos.sub) === s) this.deleteIdea(pos.sub)
            continue
          }
          later.push({
            item: s,
            start: Math.max(range.clock, s.id.clock) - s.id.clock,
            end: Math.min(end, s.id.clock + s.length) - s.id.clock,
          })
        }
      }
    }
    for (const { item, start, end } of later) this.deleted(item, start, end)
  }

  private deleted(item: Y.Item, start: number, end: number): void {
    const target = this.targets.ofBoardItem(item)
    switch (target.t) {
      case 'gc':
        return
      case 'idea':
        return // an older value of the key, already replaced
      case 'ideaField':
        this.ideaField(target.ideaId, target.field, undefined)
        return
      case 'ideaText':
        if (!this.deletedIdeas.has(target.ideaId) && !this.mayEdit(target.ideaId)) {
          refuse(`may not edit the text of idea ${target.ideaId}`)
        }
        return
      case 'cluster':
        if (!this.rights.arrange) refuse('clusters are arranged by the facilitator now')
        if (target.clusterId !== null && item.parentSub === target.clusterId) {
          this.deletedClusters.add(target.clusterId)
        }
        return
      case 'meta':
        if (target.key === META_KEYS.tldrawSchema && this.restamped) return
        refuse(`may not change meta.${target.key ?? '?'}`)
        return
      case 'canvas': {
        const values = item.content.getContent().slice(start, end)
        for (const entry of values) if (isEntry(entry)) this.canvasDeletes.set(entry.key, entry.val)
        return
      }
      case 'other':
        refuse(`may not change ${target.what}`)
    }
  }

  // ---- canvas -----------------------------------------------------------------------------

  private ideaLives(ideaId: string): boolean {
    if (this.deletedIdeas.has(ideaId)) return false
    return this.createdIdeas.has(ideaId) || this.ideas.has(ideaId)
  }

  private clusterLives(clusterId: string): boolean {
    if (this.deletedClusters.has(clusterId)) return false
    return this.createdClusters.has(clusterId) || this.clusters.has(clusterId)
  }

  private lives(ref: { kind: 'idea' | 'cluster'; id: string }): boolean {
    return ref.kind === 'idea' ? this.ideaLives(ref.id) : this.clusterLives(ref.id)
  }

  /** May the writer move or remove the card/frame of `ref`? */
  private mayArrange(ref: { kind: 'idea' | 'cluster'; id: string }): boolean {
    if (this.rights.arrange) return true
    return ref.kind === 'idea' && this.mayEdit(ref.id)
  }

  /**
   * Changes every whiteboard makes on its own, whoever's card it is (canvasDomainRules.ts): a
   * card leaves the frame of a cluster that is gone, a frame grows to fit the card placed in it.
   */
  private housekeeping(before: CanvasRecord, after: CanvasRecord): boolean {
    const { parentId, x, y, props, ...rest } = after as CanvasRecord & Record<string, unknown>
    const old = before as CanvasRecord & Record<string, unknown>
    const { parentId: oldParent, x: oldX, y: oldY, props: oldProps, ...oldRest } = old
    if (JSON.stringify(rest) !== JSON.stringify(oldRest)) return false
    const frame = typeof oldParent === 'string' ? /^shape:cluster-(.+)$/.exec(oldParent) : null
    if (frame?.[1] !== undefined && !this.clusterLives(frame[1])) {
      return JSON.stringify(props) === JSON.stringify(oldProps)
    }
    if (after.type !== 'cluster-frame' || parentId !== oldParent || x !== oldX || y !== oldY) {
      return false
    }
    const { h, ...p } = (props ?? {}) as Record<string, unknown>
    const { h: oldH, ...oldP } = (oldProps ?? {}) as Record<string, unknown>
    return (
      typeof h === 'number' &&
      typeof oldH === 'number' &&
      h >= oldH &&
      JSON.stringify(p) === JSON.stringify(oldP)
    )
  }

  private canvasChanges(): void {
    for (const [key, val] of this.canvasSets) {
      if (val.id !== key) refuse(`canvas record ${key} has another id`)
      const existing = this.canvas?.get(key)
      if (val.typeName === 'page' || val.typeName === 'document') {
        // The first whiteboard on a new board creates its page; pages are not changed after. A
        // second whiteboard that found the board empty at the same time writes the same seed.
        if (existing && !sameJson(existing, val))
          refuse(`may not change ${String(val.typeName)} ${key}`)
        continue
      }
      const ref = recordRef(val)
      if (!ref) refuse(`may not draw ${String(val.type ?? val.typeName)} on the board`)
      if (!existing) {
        // A card or frame for an idea or cluster that has none: every whiteboard adds it.
        if (key !== derivedKey(ref)) refuse(`card ${key} must be ${derivedKey(ref)}`)
        if (ref.kind === 'idea' && !this.ideaLives(ref.id) && this.policy.heldIdeaIds.has(ref.id)) {
          // The author's whiteboard wrote the card after the server took its idea out.
          this.cardsOfHeld.push(ref.id)
          continue
        }
        if (!this.lives(ref)) refuse(`card ${key} for a missing ${ref.kind}`)
        continue
      }
      const before = recordRef(existing)
      if (!before || before.kind !== ref.kind || before.id !== ref.id) {
        refuse(`card ${key} may not change what it shows`)
      }
      if (this.mayArrange(ref) || this.housekeeping(existing, val)) continue
      refuse(`may not move ${key} now`)
    }
    for (const [key, val] of this.canvasDeletes) {
      if (this.canvasSets.has(key)) continue // an update of the record: judged above
      // An older duplicate of a key (concurrent writes); YKeyValue keeps the last one.
      if (this.canvas?.get(key) !== val) continue
      const ref = recordRef(val)
      if (!ref) refuse(`may not remove ${key}`)
      // Cards of ideas that are gone are removed by every whiteboard.
      if (!this.lives(ref)) continue
      if (!this.mayArrange(ref)) refuse(`may not remove ${key} now`)
    }
  }
}

/** Whether two JSON values are equal (objects compared by keys, not by key order). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  const rb = b as Record<string, unknown>
  return ka.every((k) => Object.hasOwn(rb, k) && sameJson((a as Record<string, unknown>)[k], rb[k]))
}
