/**
 * `suggestClusters` end to end: quality on the labelled fixtures (adjusted Rand index and NMI,
 * floors a little under the measured figures in README.md), determinism, and hostile input.
 */
import { describe, expect, it } from 'vitest'
import { freizeitDe } from './fixtures/freizeit.de'
import { townEn } from './fixtures/town.en'
import { MAX_TEXT_CHARS } from './normalize'
import { type IdeaInput, type Suggestion, suggestClusters } from './suggestClusters'
import { score } from './testing/metrics'

const PLACES = ['Bad Belzig', 'Wiesenburg', 'Hoher Fläming', 'Hohen Fläming']

/** Deterministic Fisher–Yates with a small LCG, so a failing order can be reproduced. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items]
  let s = seed
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31
    const j = s % (i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

function expectEveryIdOnce(result: Suggestion, ideas: readonly IdeaInput[]) {
  const seen = [...result.clusters.flatMap((c) => c.ideaIds), ...result.unsorted]
  expect(seen.sort()).toEqual(ideas.map((i) => i.id).sort())
}

describe('suggestClusters quality', () => {
  it('groups the German fixture well above chance (defaults)', () => {
    const s = score(suggestClusters(freizeitDe), freizeitDe)
    expect(s.ari).toBeGreaterThan(0.16) // measured 0.184
    expect(s.nmi).toBeGreaterThan(0.45) // measured 0.500
  })

  it('groups the German fixture better when the place names are ignored', () => {
    const s = score(suggestClusters(freizeitDe, { ignoreWords: PLACES }), freizeitDe)
    expect(s.ari).toBeGreaterThan(0.25) // measured 0.276
    expect(s.nmi).toBeGreaterThan(0.55) // measured 0.574
    expect(s.coverage).toBeGreaterThan(0.85) // measured 0.909
  })

  it('gains from the light compound split (Radwegbeschilderung ~ Radweg, Rufbus ~ Bus)', () => {
    const on = score(suggestClusters(freizeitDe, { ignoreWords: PLACES }), freizeitDe)
    const off = score(
      suggestClusters(freizeitDe, { ignoreWords: PLACES, splitCompounds: false }),
      freizeitDe,
    )
    expect(on.ari - off.ari).toBeGreaterThan(0.08) // measured 0.276 vs 0.149
  })

  it('groups the English fixture into pure clusters', () => {
    const s = score(suggestClusters(townEn), townEn)
    expect(s.ari).toBeGreaterThan(0.6) // measured 0.687
    expect(s.nmi).toBeGreaterThan(0.8) // measured 0.835
    expect(s.purity).toBe(1)
  })

  it('titles clusters with words people wrote, capitalised as they wrote them', () => {
    const result = suggestClusters(freizeitDe, { ignoreWords: PLACES })
    const words = new Set(freizeitDe.flatMap((i) => i.text.split(/[^\p{L}\p{N}]+/u)))
    expect(result.clusters.length).toBeGreaterThan(3)
    for (const c of result.clusters) {
      const title = c.title.split(' · ')
      expect(title.length).toBeGreaterThanOrEqual(1)
      expect(title.length).toBeLessThanOrEqual(3)
      for (const w of [...title, ...c.terms]) expect(words).toContain(w)
    }
    const titles = result.clusters.map((c) => c.title)
    expect(titles).toContain('Radweg')
    expect(titles.some((t) => t.startsWith('Wanderwege'))).toBe(true)
  })
})

describe('suggestClusters determinism', () => {
  it('returns the same result twice', () => {
    expect(suggestClusters(freizeitDe)).toEqual(suggestClusters(freizeitDe))
  })

  it('returns the same result for any order of the input', () => {
    const reference = suggestClusters([...freizeitDe, ...townEn])
    for (const seed of [1, 7, 42]) {
      expect(suggestClusters(shuffled([...freizeitDe, ...townEn], seed))).toEqual(reference)
    }
    expectEveryIdOnce(reference, [...freizeitDe, ...townEn])
  })
})

describe('suggestClusters input', () => {
  it('handles no ideas and one idea', () => {
    expect(suggestClusters([])).toEqual({ clusters: [], unsorted: [] })
    expect(suggestClusters([{ id: 'a', text: 'Skatepark' }])).toEqual({
      clusters: [],
      unsorted: ['a'],
    })
  })

  it('puts identical ideas into one cluster', () => {
    const ideas = [
      { id: 'c', text: 'Skatepark am Sportplatz' },
      { id: 'a', text: 'Skatepark am Sportplatz' },
      { id: 'b', text: 'skatepark am sportplatz!' },
      { id: 'd', text: 'Konzerte auf der Burg' },
    ]
    const result = suggestClusters(ideas)
    expect(result.clusters).toHaveLength(1)
    expect([...result.clusters[0]!.ideaIds].sort()).toEqual(['a', 'b', 'c'])
    expect(result.clusters[0]!.title).toMatch(/^(Skatepark|Sportplatz)/)
    expect(result.unsorted).toEqual(['d'])
  })

  it('leaves emoji-only and punctuation-only ideas unsorted instead of grouping them', () => {
    const ideas = [
      { id: 'e1', text: '👍👍👍' },
      { id: 'e2', text: '👍👍👍' },
      { id: 'p1', text: '?!?! …' },
      ...freizeitDe.slice(0, 20),
    ]
    const result = suggestClusters(ideas)
    expect(result.unsorted).toEqual(expect.arrayContaining(['e1', 'e2', 'p1']))
    expectEveryIdOnce(result, ideas)
  })

  it('copes with a very long idea', () => {
    const long = `${'Radweg nach Lütte mit Beleuchtung und Bänken. '.repeat(5000)}`
    expect(long.length).toBeGreaterThan(MAX_TEXT_CHARS)
    const ideas = [{ id: 'long', text: long }, ...freizeitDe]
    const result = suggestClusters(ideas)
    expectEveryIdOnce(result, ideas)
    const withLong = result.clusters.find((c) => c.ideaIds.includes('long'))
    expect(withLong?.title).toContain('Radweg')
  })

  it('respects maxClusters and minClusterSize', () => {
    const capped = suggestClusters(freizeitDe, { maxClusters: 4 })
    expect(capped.clusters.length).toBeLessThanOrEqual(4)
    expectEveryIdOnce(capped, freizeitDe)
    const big = suggestClusters(freizeitDe, { minClusterSize: 3 })
    expect(big.clusters.length).toBeGreaterThan(0)
    for (const c of big.clusters) expect(c.ideaIds.length).toBeGreaterThanOrEqual(3)
    expectEveryIdOnce(big, freizeitDe)
  })

  it('rejects bad options and duplicate ids with a message', () => {
    expect(() => suggestClusters(freizeitDe, { threshold: 0 })).toThrow(/threshold/)
    expect(() => suggestClusters(freizeitDe, { maxClusters: 0 })).toThrow(/maxClusters/)
    expect(() => suggestClusters(freizeitDe, { minClusterSize: 1.5 })).toThrow(/minClusterSize/)
    expect(() =>
      suggestClusters([
        { id: 'x', text: 'a' },
        { id: 'x', text: 'b' },
      ]),
    ).toThrow(/duplicate idea id x/)
  })
})
