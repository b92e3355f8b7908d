/**
 * The geometry of cluster frames (frameLayout.ts): a near-square grid of at most four columns
 * under the title, sized so no card is clipped, and the first free slot for another card.
 */

import { CARD_GAP, FRAME_TITLE_H, freeSlot } from '@ideenwand/board'
import { describe, expect, it } from 'vitest'
import { frameLayout } from './frameLayout.ts'
import { IDEA_CARD_SIZE } from './shapes/shapeTypes.ts'

const { w: CW, h: CH } = IDEA_CARD_SIZE
/** Frame-local top-left of grid slot (col, row). */
const slot = (col: number, row: number) => ({
  x: CARD_GAP + col * (CW + CARD_GAP),
  y: FRAME_TITLE_H + CARD_GAP + row * (CH + CARD_GAP),
})

describe('frameLayout', () => {
  it('gives an empty cluster room for one card', () => {
    expect(frameLayout(0)).toMatchObject({ cols: 1, rows: 1 })
    expect(frameLayout(0)).toEqual(frameLayout(1))
  })

  it('lays cards out near-square', () => {
    expect(frameLayout(2)).toMatchObject({ cols: 2, rows: 1 })
    expect(frameLayout(4)).toMatchObject({ cols: 2, rows: 2 })
    expect(frameLayout(5)).toMatchObject({ cols: 3, rows: 2 })
    expect(frameLayout(9)).toMatchObject({ cols: 3, rows: 3 })
    expect(frameLayout(10)).toMatchObject({ cols: 4, rows: 3 })
  })

  it('never goes beyond four columns: a big cluster grows downwards', () => {
    expect(frameLayout(17)).toMatchObject({ cols: 4, rows: 5 })
    expect(frameLayout(40)).toMatchObject({ cols: 4, rows: 10 })
  })

  it('is exactly big enough for the last card of the grid plus a gap', () => {
    for (const n of [1, 3, 7, 12, 25]) {
      const { cols, rows, w, h } = frameLayout(n)
      const last = slot(cols - 1, rows - 1)
      expect(w, `w for ${n}`).toBe(last.x + CW + CARD_GAP)
      expect(h, `h for ${n}`).toBe(last.y + CH + CARD_GAP)
      // The layout has room for all n cards, and not a whole empty row more.
      expect(cols * rows).toBeGreaterThanOrEqual(n)
      expect(cols * (rows - 1)).toBeLessThan(Math.max(1, n))
    }
  })
})

describe('freeSlot (as the whiteboard places cards)', () => {
  const twoColumns = frameLayout(4).w

  it('starts top left under the title', () => {
    expect(freeSlot(twoColumns, [], CW, CH)).toEqual(slot(0, 0))
  })

  it('fills a row left to right, then the next row', () => {
    expect(freeSlot(twoColumns, [slot(0, 0)], CW, CH)).toEqual(slot(1, 0))
    expect(freeSlot(twoColumns, [slot(0, 0), slot(1, 0)], CW, CH)).toEqual(slot(0, 1))
  })

  it('fills a gap left by a card taken out before going on', () => {
    expect(freeSlot(twoColumns, [slot(0, 0), slot(0, 1), slot(1, 1)], CW, CH)).toEqual(slot(1, 0))
  })

  it('counts a card moved a little off its slot as taking it', () => {
    const nudged = { x: slot(0, 0).x + CW - 1, y: slot(0, 0).y + 10 }
    expect(freeSlot(twoColumns, [nudged], CW, CH)).toEqual(slot(0, 1))
    // Moved a whole card width away it no longer covers the first slot.
    expect(freeSlot(twoColumns, [{ x: slot(0, 0).x + CW, y: slot(0, 0).y }], CW, CH)).toEqual(
      slot(0, 0),
    )
  })

  it('uses as many columns as the frame is wide, at least one', () => {
    expect(freeSlot(frameLayout(9).w, [slot(0, 0), slot(1, 0)], CW, CH)).toEqual(slot(2, 0))
    expect(freeSlot(10, [slot(0, 0)], CW, CH)).toEqual(slot(0, 1))
  })

  it('answers a slot below the frame when it is full (the caller grows the frame)', () => {
    const full = [slot(0, 0), slot(1, 0), slot(0, 1), slot(1, 1)]
    const next = freeSlot(twoColumns, full, CW, CH)
    expect(next).toEqual(slot(0, 2))
    expect((next?.y ?? 0) + CH).toBeGreaterThan(frameLayout(4).h)
  })

  it('gives up (the first slot) when the first 400 slots are taken', () => {
    const taken = Array.from({ length: 400 }, (_, k) => slot(0, k))
    expect(freeSlot(10, taken, CW, CH)).toEqual(slot(0, 0))
  })
})
