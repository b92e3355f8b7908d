import { Board } from '@ideenwand/board'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { checkUpdate, UpdateRejected } from './updateGuard.ts'

const LIMITS = { maxLength: 10_000_000, budgetMs: 200 }
const none = () => 0
const clocksOf = (doc: Y.Doc) => (client: number) => Y.getState(doc.store, client)

function update(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder()
  write(e)
  return encoding.toUint8Array(e)
}

describe('checkUpdate', () => {
  it('accepts what honest clients send and counts the ideas they add', () => {
    const server = new Y.Doc()
    const client = new Y.Doc()
    const board = new Board(client)
    client.on('update', (u: Uint8Array) => {
      checkUpdate(u, clocksOf(server), LIMITS)
      Y.applyUpdate(server, u)
    })
    for (let i = 0; i < 50; i++) {
      board.addIdea({ text: `Idee ${i} 🌱` })
      client.getText('t').insert(0, 'ä€𝄞')
      client.getMap('m').set(`k${i % 3}`, { nested: [1, 2.5, null, true, 'x', new Uint8Array(2)] })
      if (i % 4 === 0) client.getText('t').delete(0, 2)
    }
    expect(server.store.pendingStructs).toBeNull()
    const full = Y.encodeStateAsUpdate(client)
    expect(checkUpdate(full, none, LIMITS)).toMatchObject({ newIdeas: 50 })
    // Already known content (an overlap) is fine too.
    expect(() => checkUpdate(full, clocksOf(server), LIMITS)).not.toThrow()
  })

  it('accepts an offline diff with deletions against the board it is sent to', () => {
    const server = new Y.Doc()
    new Board(server).addIdea({ text: 'vorher' })
    server.getText('t').insert(0, 'Hallo Welt')
    const offline = new Y.Doc()
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(server))
    offline.getText('t').delete(0, 6)
    new Board(offline).addIdea({ text: 'offline' })
    const diff = Y.encodeStateAsUpdate(offline, Y.encodeStateVector(server))
    expect(checkUpdate(diff, clocksOf(server), LIMITS)).toMatchObject({ newIdeas: 1 })
  })

  const refused: Record<string, Uint8Array> = {
    'a struct count beyond the bytes': update((e) => {
      for (const n of [1, 2 ** 31, 7, 0, 0, 1]) encoding.writeVarUint(e, n)
    }),
    'a length above maxLength': update((e) => {
      for (const n of [1, 1, 7, 0, 0, 10_000_001, 0]) encoding.writeVarUint(e, n)
    }),
    'a truncated delete set': update((e) => {
      for (const n of [0, 1, 7, 3, 0]) encoding.writeVarUint(e, n)
    }),
    'trailing bytes': update((e) => {
      for (const n of [0, 0, 5]) encoding.writeVarUint(e, n)
    }),
  }
  it.each(Object.keys(refused))('refuses %s', (name) => {
    expect(() => checkUpdate(refused[name]!, none, LIMITS)).toThrow(UpdateRejected)
  })

  it('refuses when the check runs over its time budget', () => {
    const doc = new Y.Doc()
    for (let i = 0; i < 3000; i++) doc.getArray('a').insert(0, [i])
    const big = Y.encodeStateAsUpdate(doc)
    expect(() => checkUpdate(big, none, { ...LIMITS, budgetMs: -1 })).toThrow(/longer than/)
  })
})
