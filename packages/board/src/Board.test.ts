/**
 * Board behaviour: convergence across replicas, collaborative text, cluster deletion,
 * tolerant reads of malformed entries, validation errors and change notification.
 * @module
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Board } from './Board'
import { BoardError, type BoardErrorCode } from './BoardError'
import { canvasStore } from './canvasStore'
import { syncDocs } from './testSync'
import { MAX_CLUSTER_TITLE, MAX_IDEA_TEXT } from './validate'

function pair(): [Board, Board] {
  let clock = 1_000
  const now = () => clock++
  return [new Board(new Y.Doc(), { now }), new Board(new Y.Doc(), { now })]
}

function errorCode(fn: () => unknown): BoardErrorCode | undefined {
  try {
    fn()
  } catch (err) {
    if (err instanceof BoardError) return err.code
    throw err
  }
  return undefined
}

describe('Board replicas', () => {
  it('two docs exchanging updates converge on ideas and clusters', () => {
    const [a, b] = pair()
    const cluster = a.addCluster({ title: 'Verkehr', color: 'blue' })
    a.addIdea({ text: 'Tempo 30 vor der Schule', authorName: 'Aylin', clusterId: cluster })
    b.addIdea({ text: 'Mehr Bänke', color: 'green' })
    b.addCluster({ title: 'Grün' })
    syncDocs(a.doc, b.doc)

    expect(a.ideas()).toEqual(b.ideas())
    expect(a.clusters()).toEqual(b.clusters())
    expect(a.ideas().map((i) => i.text)).toEqual(['Tempo 30 vor der Schule', 'Mehr Bänke'])
    expect(a.idea(a.ideas()[0]!.id)).toMatchObject({ authorName: 'Aylin', clusterId: cluster })
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc))
  })

  it('concurrent setIdeaText on one idea keeps both people’s characters', () => {
    const [a, b] = pair()
    const id = a.addIdea({ text: 'Mehr Bänke' })
    syncDocs(a.doc, b.doc)

    a.setIdeaText(id, 'Mehr Bänke am Marktplatz')
    b.setIdeaText(id, 'Viel mehr Bänke')
    syncDocs(a.doc, b.doc)

    expect(a.idea(id)?.text).toBe('Viel mehr Bänke am Marktplatz')
    expect(b.idea(id)?.text).toBe('Viel mehr Bänke am Marktplatz')
  })

  it('setIdeaText edits the existing Y.Text instead of replacing it', () => {
    const [a] = pair()
    const id = a.addIdea({ text: 'Spielplatz' })
    const ytext = a.ideaText(id)
    a.setIdeaText(id, 'Neuer Spielplatz 🛝')
    expect(a.ideaText(id)).toBe(ytext)
    expect(ytext?.toString()).toBe('Neuer Spielplatz 🛝')
  })

  it('an idea moved into a cluster deleted concurrently reads as unsorted everywhere', () => {
    const [a, b] = pair()
    const cluster = a.addCluster({ title: 'Kultur' })
    const id = a.addIdea({ text: 'Open-Air-Kino' })
    syncDocs(a.doc, b.doc)

    a.deleteCluster(cluster)
    b.moveIdea(id, cluster)
    syncDocs(a.doc, b.doc)

    expect(a.idea(id)?.clusterId).toBeNull()
    expect(b.idea(id)?.clusterId).toBeNull()
    expect(b.ideasByCluster()).toEqual([{ cluster: null, ideas: [b.idea(id)] }])
  })
})

describe('Board clusters', () => {
  it('deleteCluster moves its ideas to unsorted in one transaction', () => {
    const [board] = pair()
    const keep = board.addCluster({ title: 'Bleibt' })
    const gone = board.addCluster({ title: 'Fällt weg' })
    const i1 = board.addIdea({ text: 'eins', clusterId: gone })
    const i2 = board.addIdea({ text: 'zwei', clusterId: keep })
    const i3 = board.addIdea({ text: 'drei', clusterId: gone })
    let notifications = 0
    board.observe(() => notifications++)

    board.deleteCluster(gone)

    expect(notifications).toBe(1)
    expect(board.clusters().map((c) => c.id)).toEqual([keep])
    expect(board.idea(i1)?.clusterId).toBeNull()
    expect(board.idea(i3)?.clusterId).toBeNull()
    expect(board.idea(i2)?.clusterId).toBe(keep)
    // Stored as null too, not only read as null.
    const stored = board.doc.getMap('ideas').get(i1)
    expect(stored instanceof Y.Map && stored.get('clusterId')).toBeNull()
  })

  it('orders clusters by order, new ones last, and groups ideas with unsorted first', () => {
    const [board] = pair()
    const c1 = board.addCluster({ title: 'A' })
    const c2 = board.addCluster({ title: 'B' })
    board.updateCluster(c2, { order: -1 })
    const loose = board.addIdea({ text: 'lose' })
    const inA = board.addIdea({ text: 'in A', clusterId: c1 })

    expect(board.clusters().map((c) => c.title)).toEqual(['B', 'A'])
    const groups = board.ideasByCluster()
    expect(groups.map((g) => g.cluster?.title ?? null)).toEqual([null, 'B', 'A'])
    expect(groups.map((g) => g.ideas.map((i) => i.id))).toEqual([[loose], [], [inA]])
  })

  it('renames clusters and updates idea colour and cluster', () => {
    const [board] = pair()
    const c = board.addCluster({ title: 'Alt' })
    board.renameCluster(c, 'Neu')
    const id = board.addIdea({ text: 'x' })
    board.updateIdea(id, { color: 'red', clusterId: c })
    expect(board.cluster(c)?.title).toBe('Neu')
    expect(board.idea(id)).toMatchObject({ color: 'red', clusterId: c })
    board.moveIdea(id, null)
    expect(board.idea(id)?.clusterId).toBeNull()
    board.deleteIdea(id)
    expect(board.ideas()).toEqual([])
  })
})

describe('Board validation', () => {
  it('throws typed BoardErrors with codes', () => {
    const [board] = pair()
    const id = board.addIdea({ text: 'ok', id: 'idea-1' })
    const c = board.addCluster({ title: 'ok' })
    const tooLong = 'x'.repeat(MAX_IDEA_TEXT + 1)

    expect(errorCode(() => board.addIdea({ text: tooLong }))).toBe('text-too-long')
    expect(errorCode(() => board.setIdeaText(id, tooLong))).toBe('text-too-long')
    expect(errorCode(() => board.addCluster({ title: 'x'.repeat(MAX_CLUSTER_TITLE + 1) }))).toBe(
      'title-too-long',
    )
    expect(errorCode(() => board.renameCluster(c, 'x'.repeat(MAX_CLUSTER_TITLE + 1)))).toBe(
      'title-too-long',
    )
    // Casts model untyped input (JSON from a phone, a script) reaching the API.
    const pink = 'pink' as unknown as 'red'
    expect(errorCode(() => board.addIdea({ text: 'x', color: pink }))).toBe('unknown-color')
    expect(errorCode(() => board.updateIdea(id, { color: pink }))).toBe('unknown-color')
    expect(errorCode(() => board.addCluster({ title: 't', color: pink }))).toBe('unknown-color')
    expect(errorCode(() => board.setIdeaText('nope', 'x'))).toBe('unknown-idea')
    expect(errorCode(() => board.updateIdea('nope', { color: 'red' }))).toBe('unknown-idea')
    expect(errorCode(() => board.deleteIdea('nope'))).toBe('unknown-idea')
    expect(errorCode(() => board.moveIdea(id, 'nope'))).toBe('unknown-cluster')
    expect(errorCode(() => board.addIdea({ text: 'x', clusterId: 'nope' }))).toBe('unknown-cluster')
    expect(errorCode(() => board.renameCluster('nope', 't'))).toBe('unknown-cluster')
    expect(errorCode(() => board.deleteCluster('nope'))).toBe('unknown-cluster')
    expect(errorCode(() => board.addIdea({ text: 'x', id: 'idea-1' }))).toBe('duplicate-id')
    expect(errorCode(() => board.addIdea({ text: 'x', id: 'has space' }))).toBe('invalid-id')
    expect(errorCode(() => board.addIdea({ text: 42 as unknown as string }))).toBe('invalid-input')
    expect(errorCode(() => board.addIdea({ text: 'x', authorName: 'n'.repeat(201) }))).toBe(
      'author-too-long',
    )
    expect(errorCode(() => board.setTldrawSchema(new Y.Map() as unknown as string))).toBe(
      'invalid-input',
    )
  })

  it('writes nothing when validation fails', () => {
    const [board] = pair()
    const before = Y.encodeStateAsUpdate(board.doc)
    errorCode(() => board.addIdea({ text: 'x', color: 'pink' as unknown as 'red' }))
    errorCode(() => board.addIdea({ text: 'x', clusterId: 'nope' }))
    expect(Y.encodeStateAsUpdate(board.doc)).toEqual(before)
    expect(board.ideas()).toEqual([])
  })

  it('accepts text exactly at the limit', () => {
    const [board] = pair()
    const text = 'x'.repeat(MAX_IDEA_TEXT)
    expect(board.idea(board.addIdea({ text }))?.text).toBe(text)
  })
})

describe('Board idea sources (issue 19 §2)', () => {
  it('writes a table or paper source, reads own for none, and changes it in place', () => {
    const board = new Board(new Y.Doc())
    const own = board.addIdea({ text: 'Radweg' })
    const table = board.addIdea({ text: 'Bänke', source: 'table', table: 'Tisch 3' })
    const paper = board.addIdea({ text: 'Karte', source: 'paper' })
    expect(board.idea(own)).toMatchObject({ source: 'own', table: null })
    expect(board.idea(table)).toMatchObject({ source: 'table', table: 'Tisch 3' })
    expect(board.idea(paper)).toMatchObject({ source: 'paper', table: null })
    // `own` writes nothing: old readers and the rights check see the same entry as before.
    expect((board.doc.getMap('ideas').get(own) as Y.Map<unknown>).has('source')).toBe(false)

    board.setIdeaSource(own, 'paper')
    expect(board.idea(own)?.source).toBe('paper')
    board.setIdeaSource(own, 'own')
    expect((board.doc.getMap('ideas').get(own) as Y.Map<unknown>).has('source')).toBe(false)
    board.setIdeaSource(table, 'paper')
    expect(board.idea(table)).toMatchObject({ source: 'paper', table: null })

    expect(errorCode(() => board.addIdea({ text: 'x', source: 'table' }))).toBe('invalid-input')
    expect(errorCode(() => board.addIdea({ text: 'x', source: 'table', table: ' ' }))).toBe(
      'invalid-input',
    )
    expect(
      errorCode(() => board.addIdea({ text: 'x', source: 'table', table: 'T'.repeat(41) })),
    ).toBe('author-too-long')
    expect(errorCode(() => board.addIdea({ text: 'x', source: 'phone' as unknown as 'own' }))).toBe(
      'invalid-input',
    )
    expect(errorCode(() => board.setIdeaSource('nope', 'paper'))).toBe('unknown-idea')
    expect(board.ideas()).toHaveLength(3)
  })
})

describe('Board tolerant reads', () => {
  it('skips or coerces malformed entries written by a hostile client', () => {
    const [honest, hostile] = pair()
    const good = honest.addIdea({ text: 'gut' })
    const goodCluster = honest.addCluster({ title: 'ok' })

    const ideas = hostile.doc.getMap<unknown>('ideas')
    const clusters = hostile.doc.getMap<unknown>('clusters')
    hostile.doc.transact(() => {
      ideas.set('not-a-map', 'hello')
      ideas.set('null', null)
      const noText = new Y.Map<unknown>()
      ideas.set('no-text', noText)
      noText.set('text', 42)
      const junk = new Y.Map<unknown>()
      ideas.set('junk-fields', junk)
      junk.set('text', 'x'.repeat(MAX_IDEA_TEXT + 50))
      junk.set('authorId', { evil: true })
      junk.set('authorName', 7)
      junk.set('createdAt', 'yesterday')
      junk.set('color', 'pink')
      junk.set('clusterId', 'ghost')
      junk.set('source', 'phone')
      junk.set('table', 'Tisch 1')
      const longTable = new Y.Map<unknown>()
      ideas.set('long-table', longTable)
      longTable.set('text', 'Tischidee')
      longTable.set('createdAt', 1)
      longTable.set('source', 'table')
      longTable.set('table', 'T'.repeat(100))
      clusters.set('cluster-not-a-map', [1, 2, 3])
      const badCluster = new Y.Map<unknown>()
      clusters.set('bad-cluster', badCluster)
      badCluster.set('title', { nested: 'object' })
      badCluster.set('order', Number.NaN)
      badCluster.set('color', 12)
    })
    syncDocs(honest.doc, hostile.doc)

    expect(honest.ideas().map((i) => i.id)).toEqual(['junk-fields', 'long-table', good])
    expect(honest.idea('junk-fields')).toEqual({
      id: 'junk-fields',
      text: 'x'.repeat(MAX_IDEA_TEXT),
      authorId: null,
      authorName: null,
      createdAt: 0,
      color: 'yellow',
      clusterId: null,
      source: 'own',
      table: null,
      carriedFrom: null,
    })
    expect(honest.idea('long-table')).toMatchObject({ source: 'table', table: 'T'.repeat(40) })
    expect(honest.idea('not-a-map')).toBeUndefined()
    expect(honest.idea('no-text')).toBeUndefined()
    expect(honest.ideaText('junk-fields')).toBeUndefined()
    expect(honest.clusters()).toEqual([
      { id: goodCluster, title: 'ok', order: 0, color: 'grey' },
      { id: 'bad-cluster', title: '', order: Number.MAX_SAFE_INTEGER, color: 'grey' },
    ])
    expect(() => honest.ideasByCluster()).not.toThrow()
    // Writing through the API repairs a malformed text field.
    honest.setIdeaText('junk-fields', 'repariert')
    expect(honest.ideaText('junk-fields')?.toString()).toBe('repariert')
    // A new cluster goes after the readable ones even if one has no valid order.
    expect(honest.cluster(honest.addCluster({ title: 'neu' }))?.order).toBe(Number.MAX_SAFE_INTEGER)
  })

  it('returns the tldraw schema as stored, and undefined for junk', () => {
    const [board] = pair()
    expect(board.tldrawSchema()).toBeUndefined()
    const schema = { schemaVersion: 2, sequences: { 'com.tldraw.store': 4 } }
    board.setTldrawSchema(schema)
    expect(board.tldrawSchema()).toEqual(schema)
    board.setTldrawSchema('{"schemaVersion":2}')
    expect(board.tldrawSchema()).toBe('{"schemaVersion":2}')
    board.doc.getMap('meta').set('tldrawSchema', 5)
    expect(board.tldrawSchema()).toBeUndefined()
  })
})

describe('Board.observe', () => {
  it('fires once per transaction that touches ideas or clusters, local or remote', () => {
    const [a, b] = pair()
    let calls = 0
    const stop = a.observe(() => calls++)

    const id = a.addIdea({ text: 'eins' })
    expect(calls).toBe(1)
    a.doc.transact(() => {
      a.addCluster({ title: 'c' })
      a.setIdeaText(id, 'zwei')
      a.updateIdea(id, { color: 'blue' })
    })
    expect(calls).toBe(2)

    syncDocs(a.doc, b.doc)
    b.setIdeaText(id, 'drei')
    syncDocs(a.doc, b.doc)
    expect(calls).toBe(3)

    // Not for canvas or meta changes, nor for no-op writes.
    canvasStore(a.doc).set('shape:1', { x: 1 })
    a.setTldrawSchema({ schemaVersion: 2 })
    a.setIdeaText(id, 'drei')
    expect(calls).toBe(3)

    stop()
    a.addIdea({ text: 'nach stop' })
    expect(calls).toBe(3)
  })
})

describe('merge and split', () => {
  it('merges one cluster into another and splits ideas out into a new one', () => {
    const board = new Board(new Y.Doc())
    const a = board.addCluster({ title: 'Rad' })
    const b = board.addCluster({ title: 'Fahrrad' })
    const i1 = board.addIdea({ text: 'Radweg', clusterId: a })
    const i2 = board.addIdea({ text: 'Radständer', clusterId: b })
    board.mergeClusters(b, a)
    expect(board.clusters().map((c) => c.id)).toEqual([a])
    expect(board.idea(i2)?.clusterId).toBe(a)
    const c = board.splitCluster([i2], 'Parken')
    expect(board.idea(i2)?.clusterId).toBe(c)
    expect(board.idea(i1)?.clusterId).toBe(a)
    expect(() => board.mergeClusters('nope', a)).toThrow(BoardError)
  })
})
