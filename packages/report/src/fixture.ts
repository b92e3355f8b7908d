/**
 * A fixed workshop for tests, goldens and the benchmark: three clusters, unsorted ideas, a
 * hidden and a pending idea, hostile texts (HTML, formulas, quotes, line breaks), a revealed
 * round with a tie and canvas records — all with fixed times. `manyIdeas(n)` scales it up.
 */
import { buildOutcome, type OutcomeSource } from './buildOutcome.ts'
import type { Outcome } from './types.ts'

const T0 = Date.UTC(2026, 8, 22, 16, 0, 0) // 22.09.2026 18:00 Berlin
const min = 60_000

export const FIXTURE_HIDDEN_TEXT = 'Geheimer Text, der nie veröffentlicht wird'
export const FIXTURE_PENDING_TEXT = 'Noch nicht freigegebene Idee'

export function fixtureSource(overrides: Partial<OutcomeSource> = {}): OutcomeSource {
  const clusters = [
    { id: 'c-rad', title: 'Radwege & Verkehr', order: 1, color: 'blue' },
    { id: 'c-jugend', title: 'Jugend <Treffpunkte>', order: 2, color: 'green' },
    { id: 'c-leer', title: 'Leerer Cluster', order: 3, color: 'grey' },
  ]
  const idea = (
    id: string,
    text: string,
    clusterId: string | null,
    at: number,
    color = 'yellow',
    authorName: string | null = 'Aylin',
  ) => ({
    id,
    text,
    clusterId,
    createdAt: T0 + at * min,
    color,
    authorName,
  })
  // Where they came from (issue 19 §2): two tables' devices and a paper card; the rest own.
  const table = (label: string) => ({ source: 'table' as const, table: label })
  const paper = { source: 'paper' as const, table: null }
  const ideas = [
    idea('i-radweg', 'Radweg Bad Belzig – Wiesenburg durchgehend ausbauen', 'c-rad', 3, 'blue'),
    idea('i-tempo', 'Tempo 30 vor der Grundschule, bitte "sofort"', 'c-rad', 4, 'orange', 'Jonas'),
    idea('i-bus', 'Rufbus am Wochenende,\nauch abends nach 22 Uhr', 'c-rad', 5, 'yellow', null),
    {
      ...idea('i-skate', 'Skatepark am Bahnhof', 'c-jugend', 6, 'green', null),
      ...table('Tisch 2'),
    },
    idea('i-script', '<script>alert("x")</script> Jugendclub länger öffnen', 'c-jugend', 7),
    idea('i-formula', '=1+1 kostenloses WLAN im Park', null, 8),
    { ...idea('i-phone', '+49 33841 Bürgertelefon', null, 9, 'violet', null), ...paper },
    idea('i-minus', '-5 Grad: Wärmestube im Winter', null, 10, 'red'),
    {
      // Carried from an earlier workshop of the series (issue 20 §1).
      ...idea('i-at', '@SUM(A1) Markt am Samstag', null, 11),
      carriedFrom: {
        workshopId: 'ws-kurpark-2025',
        ideaId: 'k-markt',
        title: 'Zukunftswerkstatt Kurpark',
        date: '2025-09-20',
        dots: 5,
        rank: 2,
        carriedAt: T0 - 60 * min,
      },
    },
    {
      ...idea('i-emoji', 'Mehr Bänke 🌳 im Kurpark – für Ältere', null, 12, 'grey', null),
      ...table('Tisch 10'),
    },
    idea('i-hidden', FIXTURE_HIDDEN_TEXT, 'c-rad', 13),
    idea('i-pending', FIXTURE_PENDING_TEXT, null, 14),
  ]
  const results = [
    { targetId: 'i-radweg', label: ideas[0]!.text, dots: 7, rank: 1, tied: false },
    { targetId: 'i-skate', label: 'Skatepark am Bahnhof', dots: 4, rank: 2, tied: true },
    { targetId: 'i-tempo', label: ideas[1]!.text, dots: 4, rank: 2, tied: true },
    { targetId: 'i-hidden', label: FIXTURE_HIDDEN_TEXT, dots: 2, rank: 4, tied: false },
    { targetId: 'i-bus', label: ideas[2]!.text, dots: 1, rank: 5, tied: false },
    { targetId: 'i-formula', label: ideas[5]!.text, dots: 0, rank: 6, tied: true },
    { targetId: 'i-emoji', label: ideas[9]!.text, dots: 0, rank: 6, tied: true },
  ]
  const shape = (
    id: string,
    type: string,
    parentId: string,
    x: number,
    y: number,
    props: Record<string, unknown>,
  ) => ({
    id,
    typeName: 'shape',
    type,
    parentId,
    x,
    y,
    rotation: 0,
    index: 'a1',
    isLocked: false,
    opacity: 1,
    meta: {},
    props,
  })
  const canvas = [
    { id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} },
    shape('shape:cluster-c-rad', 'cluster-frame', 'page:page', 0, 0, {
      clusterId: 'c-rad',
      w: 680,
      h: 380,
    }),
    shape('shape:cluster-c-jugend', 'cluster-frame', 'page:page', 720, 0, {
      clusterId: 'c-jugend',
      w: 460,
      h: 380,
    }),
    shape('shape:idea-i-radweg', 'idea-card', 'shape:cluster-c-rad', 16, 60, {
      ideaId: 'i-radweg',
      w: 200,
      h: 140,
    }),
    shape('shape:idea-i-tempo', 'idea-card', 'shape:cluster-c-rad', 232, 60, {
      ideaId: 'i-tempo',
      w: 200,
      h: 140,
    }),
    shape('shape:idea-i-bus', 'idea-card', 'shape:cluster-c-rad', 448, 60, {
      ideaId: 'i-bus',
      w: 200,
      h: 140,
    }),
    shape('shape:idea-i-hidden', 'idea-card', 'shape:cluster-c-rad', 16, 220, {
      ideaId: 'i-hidden',
      w: 200,
      h: 140,
    }),
    shape('shape:idea-i-skate', 'idea-card', 'shape:cluster-c-jugend', 16, 60, {
      ideaId: 'i-skate',
      w: 200,
      h: 140,
    }),
    shape('shape:idea-i-script', 'idea-card', 'shape:cluster-c-jugend', 232, 60, {
      ideaId: 'i-script',
      w: 200,
      h: 140,
    }),
    shape('shape:idea-i-formula', 'idea-card', 'page:page', 0, 420, {
      ideaId: 'i-formula',
      w: 200,
      h: 140,
    }),
    shape('shape:idea-i-emoji', 'idea-card', 'page:page', 220, 420, {
      ideaId: 'i-emoji',
      w: 200,
      h: 140,
    }),
    shape('shape:arrow1', 'arrow', 'page:page', 100, 100, { text: '' }),
  ]
  const at = (m: number) => new Date(T0 + m * min).toISOString()
  return {
    now: T0 + 95 * min,
    timeZone: 'Europe/Berlin',
    workshop: {
      id: 'w-fixture',
      title: 'Themenlabor Freizeit',
      date: '2026-09-22',
      place: 'Bad Belzig, Rathaus',
      description: 'Was fehlt in der Freizeit in Bad Belzig und Wiesenburg?',
      language: 'de',
      publisher: 'Stadt Bad Belzig',
      licence: 'cc-by-4.0',
      createdAt: T0,
    },
    facilitators: [{ name: 'Frau Moderatorin' }, { name: 'Herr Ko-Moderator' }],
    guests: [
      { name: 'Aylin', role: 'participant', status: 'admitted' },
      { name: 'Jonas', role: 'participant', status: 'admitted' },
      { name: null, role: 'participant', status: 'admitted' },
      { name: 'Mia', role: 'participant', status: 'admitted' },
      { name: 'Wartend', role: 'participant', status: 'waiting' },
      { name: 'Entfernt', role: 'participant', status: 'removed' },
      { name: null, role: 'viewer', status: 'admitted' },
      // Table devices: not counted as participants; "Tisch 10" was ended, its ideas stay.
      {
        name: null,
        role: 'participant',
        status: 'admitted',
        table: { label: 'Tisch 2', people: 4 },
      },
      {
        name: null,
        role: 'participant',
        status: 'removed',
        table: { label: 'Tisch 10', people: 6 },
      },
    ],
    includeNames: false,
    ideas,
    clusters,
    excludedIdeaIds: ['i-hidden', 'i-pending'],
    supports: new Map([
      ['i-radweg', 3],
      ['i-bus', 1],
      ['i-hidden', 2],
    ]),
    // What became of them (issue 20 §2): a history, a reason with markup, a merge, and changes
    // of a hidden idea and a merge into it, which the outcome must leave out or not name.
    statusChanges: [
      {
        ideaId: 'i-radweg',
        status: 'in_review',
        reason: null,
        mergedInto: null,
        changedAt: T0 + 100 * min,
      },
      {
        ideaId: 'i-tempo',
        status: 'forwarded',
        reason: 'An das Ordnungsamt',
        mergedInto: null,
        changedAt: T0 + 110 * min,
      },
      {
        ideaId: 'i-radweg',
        status: 'implemented',
        reason: null,
        mergedInto: null,
        changedAt: T0 + 200 * min,
      },
      {
        ideaId: 'i-skate',
        status: 'not_implemented',
        reason: 'Kein Platz <b>am</b> Bahnhof & zu teuer',
        mergedInto: null,
        changedAt: T0 + 210 * min,
      },
      {
        ideaId: 'i-bus',
        status: 'merged',
        reason: null,
        mergedInto: 'i-radweg',
        changedAt: T0 + 220 * min,
      },
      {
        ideaId: 'i-hidden',
        status: 'implemented',
        reason: 'geheim',
        mergedInto: null,
        changedAt: T0 + 230 * min,
      },
      {
        ideaId: 'i-emoji',
        status: 'merged',
        reason: null,
        mergedInto: 'i-hidden',
        changedAt: T0 + 240 * min,
      },
    ],
    rounds: [
      {
        number: 1,
        targetKind: 'idea',
        targetIds: null,
        dotsPerPerson: 3,
        maxPerTarget: 2,
        voters: 6,
        revealedAt: T0 + 70 * min,
        results,
      },
      {
        // Resistance (Systemisches Konsensieren): sums only; the hidden idea is left out.
        method: 'resistance',
        number: 2,
        targetKind: 'idea',
        targetIds: ['i-radweg', 'i-hidden', 'i-formula'],
        dotsPerPerson: 10,
        maxPerTarget: 10,
        voters: 5,
        revealedAt: T0 + 80 * min,
        results: [],
        resistance: [
          resistanceEntry('i-radweg', ideas[0]!.text, 8, 1, false),
          resistanceEntry('i-hidden', FIXTURE_HIDDEN_TEXT, 12, 2, false),
          resistanceEntry('::passive', '', 30, 3, true),
          resistanceEntry('i-formula', ideas[5]!.text, 30, 3, true),
        ],
      },
    ],
    activity: [
      { at: at(1), type: 'join', data: { anonymous: false, status: 'admitted' } },
      { at: at(2), type: 'join', data: { anonymous: true, status: 'admitted' } },
      { at: at(30), type: 'phase', data: { from: 'collect', to: 'cluster' } },
      { at: at(40), type: 'idea-hidden', data: { ideaId: 'i-hidden' } },
      { at: at(50), type: 'phase', data: { from: 'cluster', to: 'vote' } },
      { at: at(50), type: 'round-started', data: { number: 1, dots: 3 } },
      { at: at(70), type: 'round-revealed', data: { number: 1, voters: 6 } },
      { at: at(72), type: 'phase', data: { from: 'vote', to: 'discuss' } },
      { at: at(74), type: 'round-started', data: { number: 2, method: 'resistance', options: 4 } },
      { at: at(80), type: 'round-revealed', data: { number: 2, voters: 5 } },
    ],
    canvas,
    tldrawSchema: { schemaVersion: 2, sequences: {} },
    ...overrides,
  }
}

/** A resistance option of the fixture's second round: 5 raters. */
function resistanceEntry(
  targetId: string,
  label: string,
  total: number,
  rank: number,
  tied: boolean,
) {
  const mean = total / 5
  return {
    targetId,
    label,
    passive: targetId === '::passive',
    raters: 5,
    total,
    mean,
    acceptance: Math.round((10 - mean) * 100) / 100,
    rank,
    tied,
  }
}

export function fixtureOutcome(overrides: Partial<OutcomeSource> = {}): Outcome {
  return buildOutcome(fixtureSource(overrides))
}

/** The fixture with `n` generated ideas in 12 clusters and a round over all of them (benchmark). */
export function manyIdeas(n: number, withCanvas = false): OutcomeSource {
  const base = fixtureSource()
  const words = base.ideas.flatMap((i) => i.text.split(/\s+/))
  const clusters = Array.from({ length: 12 }, (_, i) => ({
    id: `c${i}`,
    title: `Cluster ${i + 1}`,
    order: i,
    color: 'blue',
  }))
  const ideas = Array.from({ length: n }, (_, i) => ({
    id: `i${String(i).padStart(5, '0')}`,
    text: Array.from(
      { length: 8 + (i % 17) },
      (_, k) => words[(i * 7 + k * 13) % words.length],
    ).join(' '),
    clusterId: i % 5 === 0 ? null : `c${i % 12}`,
    createdAt: base.now - (n - i) * 1000,
    color: 'yellow',
    authorName: null,
  }))
  const results = ideas.map((idea, i) => ({
    targetId: idea.id,
    label: idea.text,
    dots: Math.max(0, 40 - (i % 60)),
    rank: 1,
    tied: false,
  }))
  results.sort((a, b) => b.dots - a.dots)
  results.forEach((r, i) => {
    r.rank = i + 1
  })
  const canvas = withCanvas
    ? ideas.map((idea, i) => ({
        id: `shape:idea-${idea.id}`,
        typeName: 'shape',
        type: 'idea-card',
        parentId: 'page:page',
        x: (i % 50) * 220,
        y: Math.floor(i / 50) * 160,
        props: { ideaId: idea.id, w: 200, h: 140 },
      }))
    : []
  return {
    ...base,
    ideas,
    clusters,
    excludedIdeaIds: [],
    rounds: [{ ...base.rounds[0]!, results }],
    canvas,
  }
}
