import { describe, expect, it } from 'vitest'
import { callOrder, moveTo, type Waiting } from './speakingOrder.ts'

const w = (id: string, position: number): Waiting => ({
  id,
  channel: id.startsWith('r') ? 'room' : 'home',
  position,
})
const ids = (list: Waiting[]) => list.map((x) => x.id).join(' ')

describe('callOrder', () => {
  const queue = [w('r1', 1), w('r2', 2), w('r3', 3), w('h1', 4), w('h2', 5)]

  it('without alternation follows the positions', () => {
    expect(ids(callOrder([...queue].reverse(), { alternate: false, lastChannel: 'room' }))).toBe(
      'r1 r2 r3 h1 h2',
    )
  })

  it('alternates starting with the channel that did not speak last', () => {
    expect(ids(callOrder(queue, { alternate: true, lastChannel: 'room' }))).toBe('h1 r1 h2 r2 r3')
    expect(ids(callOrder(queue, { alternate: true, lastChannel: 'home' }))).toBe('r1 h1 r2 h2 r3')
  })

  it('with nobody called yet, the first by position starts, then the other channel', () => {
    expect(ids(callOrder(queue, { alternate: true, lastChannel: null }))).toBe('r1 h1 r2 h2 r3')
    const homeFirst = [w('h1', 1), w('r1', 2), w('r2', 3)]
    expect(ids(callOrder(homeFirst, { alternate: true, lastChannel: null }))).toBe('h1 r1 r2')
  })

  it('a channel with nobody waiting does not stop the other', () => {
    const onlyRoom = [w('r1', 1), w('r2', 2)]
    expect(ids(callOrder(onlyRoom, { alternate: true, lastChannel: 'room' }))).toBe('r1 r2')
    expect(callOrder([], { alternate: true, lastChannel: 'home' })).toEqual([])
  })
})

describe('moveTo', () => {
  const order = [w('r1', 1), w('h1', 2), w('r2', 3)]

  it('numbers the order with the request at its new place', () => {
    expect([...(moveTo(order, 'r2', 0) ?? [])]).toEqual([
      ['r2', 1],
      ['r1', 2],
      ['h1', 3],
    ])
  })

  it('clamps the index and refuses requests that are not waiting', () => {
    expect(moveTo(order, 'r1', 99)?.get('r1')).toBe(3)
    expect(moveTo(order, 'x', 0)).toBeNull()
  })
})
