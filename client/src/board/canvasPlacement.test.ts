/**
 * Where new cards and frames go (canvasPlacement.ts): a spot that keeps clear of every shape,
 * inside the visible part of the view nearest its centre when there is room, else in rings
 * around a point — and never on top of another card.
 */
import { Box, type VecLike } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { freeSpotInBox, freeSpotNear, GAP } from './canvasPlacement.ts'
import { IDEA_CARD_SIZE } from './shapes/shapeTypes.ts'

const { w, h } = IDEA_CARD_SIZE

/** The placed item's box, grown by half a gap on each side: it must touch no other shape. */
const clearOf = (spot: VecLike, occupied: Box[]) => {
  const box = new Box(spot.x - GAP / 2, spot.y - GAP / 2, w + GAP, h + GAP)
  return occupied.every((b) => !b.collides(box))
}

/** Whether the placed item lies wholly inside `view`. */
const inside = (spot: VecLike, view: Box) =>
  spot.x >= view.minX && spot.y >= view.minY && spot.x + w <= view.maxX && spot.y + h <= view.maxY

describe('freeSpotNear', () => {
  const near = { x: 500, y: 400 }
  const centred = { x: near.x - w / 2, y: near.y - h / 2 }

  it('centres the item on the point when nothing is there', () => {
    expect(freeSpotNear([], near, w, h)).toEqual(centred)
  })

  it('ignores shapes far away', () => {
    expect(freeSpotNear([new Box(5000, 5000, w, h)], near, w, h)).toEqual(centred)
  })

  it('moves one step (the item plus a gap) away when the point is taken, clear of the shape', () => {
    const taken = [new Box(centred.x, centred.y, w, h)]
    const spot = freeSpotNear(taken, near, w, h)
    expect(clearOf(spot, taken)).toBe(true)
    expect(Math.abs(spot.x - centred.x)).toBeLessThanOrEqual(w + GAP)
    expect(Math.abs(spot.y - centred.y)).toBeLessThanOrEqual(h + GAP)
    expect(spot).not.toEqual(centred)
  })

  it('treats a shape touching the spot as taking it', () => {
    const touching = [new Box(centred.x + w, centred.y, w, h)]
    expect(freeSpotNear(touching, near, w, h)).not.toEqual(centred)
  })

  it('goes out ring by ring until a spot is clear', () => {
    // A block of 3 × 3 items around the point: the first free spot lies on the second ring.
    const block = [
      new Box(centred.x - (w + GAP), centred.y - (h + GAP), 3 * w + 2 * GAP, 3 * h + 2 * GAP),
    ]
    const spot = freeSpotNear(block, near, w, h)
    expect(clearOf(spot, block)).toBe(true)
    const ring = Math.max(
      Math.round(Math.abs(spot.x - centred.x) / (w + GAP)),
      Math.round(Math.abs(spot.y - centred.y) / (h + GAP)),
    )
    expect(ring).toBe(2)
  })

  it('gives up after 30 rings and answers the spot on the point', () => {
    const everything = [new Box(-1e6, -1e6, 2e6, 2e6)]
    expect(freeSpotNear(everything, near, w, h)).toEqual(centred)
  })
})

describe('freeSpotInBox', () => {
  const visible = new Box(0, 0, 1000, 800)

  it('puts the item near the centre of an empty view, wholly inside it', () => {
    const spot = freeSpotInBox([], visible, w, h)
    if (!spot) throw new Error('no spot')
    expect(inside(spot, visible)).toBe(true)
    // Within one grid step (here ~23 units) of the exact centre.
    expect(Math.abs(spot.x + w / 2 - visible.center.x)).toBeLessThan(24)
    expect(Math.abs(spot.y + h / 2 - visible.center.y)).toBeLessThan(24)
  })

  it('finds a free spot beside a card in the centre, still inside the view', () => {
    const card = new Box(visible.center.x - w / 2, visible.center.y - h / 2, w, h)
    const spot = freeSpotInBox([card], visible, w, h)
    if (!spot) throw new Error('no spot')
    expect(clearOf(spot, [card])).toBe(true)
    expect(inside(spot, visible)).toBe(true)
  })

  it('answers null when the view is full (the caller looks outside it)', () => {
    expect(freeSpotInBox([new Box(-10, -10, 1020, 820)], visible, w, h)).toBeNull()
  })

  it('answers null when the item is bigger than the view', () => {
    expect(freeSpotInBox([], new Box(0, 0, w - 1, h + 100), w, h)).toBeNull()
  })
})
