/**
 * Schema versioning: stamping new docs, refusing docs from newer releases, and the migration
 * mechanism exercised with a fake v0 → v1 step.
 * @module
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { BoardError } from './BoardError'
import {
  BOARD_SCHEMA_VERSION,
  type BoardMigration,
  boardSchemaVersion,
  checkBoardSchema,
  initBoard,
  migrateBoard,
} from './schema'

describe('initBoard', () => {
  it('writes the version into an unversioned doc and leaves versioned docs alone', () => {
    const doc = new Y.Doc()
    expect(boardSchemaVersion(doc)).toBeUndefined()
    initBoard(doc)
    expect(doc.getMap('meta').get('schemaVersion')).toBe(BOARD_SCHEMA_VERSION)

    const newer = new Y.Doc()
    newer.getMap('meta').set('schemaVersion', 7)
    initBoard(newer)
    expect(boardSchemaVersion(newer)).toBe(7)
  })
})

describe('checkBoardSchema', () => {
  it('accepts current, older and unversioned docs and flags newer ones', () => {
    const doc = new Y.Doc()
    expect(checkBoardSchema(doc)).toEqual({ ok: true })
    initBoard(doc)
    expect(checkBoardSchema(doc)).toEqual({ ok: true })
    doc.getMap('meta').set('schemaVersion', BOARD_SCHEMA_VERSION + 1)
    expect(checkBoardSchema(doc)).toEqual({
      ok: false,
      reason: 'too-new',
      docVersion: BOARD_SCHEMA_VERSION + 1,
    })
    doc.getMap('meta').set('schemaVersion', 'garbage')
    expect(checkBoardSchema(doc)).toEqual({ ok: true })
  })
})

describe('migrateBoard', () => {
  // A fake version 0 stored idea texts under `body`; version 1 calls the field `text`.
  const renameBody: BoardMigration = (doc) => {
    for (const entry of doc.getMap('ideas').values()) {
      if (entry instanceof Y.Map && entry.has('body')) {
        entry.set('text', new Y.Text(String(entry.get('body'))))
        entry.delete('body')
      }
    }
  }

  function v0Doc(): Y.Doc {
    const doc = new Y.Doc()
    doc.transact(() => {
      doc.getMap('meta').set('schemaVersion', 0)
      const idea = new Y.Map<unknown>()
      doc.getMap('ideas').set('i1', idea)
      idea.set('body', 'alt')
    })
    return doc
  }

  it('runs the migrations table in one transaction and stamps the new version', () => {
    const doc = v0Doc()
    let transactions = 0
    doc.on('afterTransaction', () => transactions++)

    const from = migrateBoard(doc, { migrations: { 0: renameBody }, targetVersion: 1 })

    expect(from).toBe(0)
    expect(transactions).toBe(1)
    expect(boardSchemaVersion(doc)).toBe(1)
    const idea = doc.getMap('ideas').get('i1')
    expect(idea instanceof Y.Map && String(idea.get('text'))).toBe('alt')
    expect(idea instanceof Y.Map && idea.has('body')).toBe(false)
    // A second run is a no-op.
    expect(migrateBoard(doc, { migrations: { 0: renameBody }, targetVersion: 1 })).toBe(1)
    expect(transactions).toBe(1)
  })

  it('fails on a gap in the table without changing the doc', () => {
    const doc = v0Doc()
    const before = Y.encodeStateAsUpdate(doc)
    expect(() => migrateBoard(doc, { migrations: {}, targetVersion: 1 })).toThrow(
      expect.objectContaining({ code: 'migration-missing' }),
    )
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
  })

  it('refuses docs newer than the code', () => {
    const doc = new Y.Doc()
    doc.getMap('meta').set('schemaVersion', BOARD_SCHEMA_VERSION + 1)
    expect(() => migrateBoard(doc)).toThrow(BoardError)
    expect(() => migrateBoard(doc)).toThrow(expect.objectContaining({ code: 'schema-too-new' }))
  })

  it('stamps unversioned docs with the current version using the real table', () => {
    const doc = new Y.Doc()
    expect(migrateBoard(doc)).toBeUndefined()
    expect(boardSchemaVersion(doc)).toBe(BOARD_SCHEMA_VERSION)
  })
})
