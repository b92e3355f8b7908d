/**
 * A workshop with content, as in issue 16's "Themenlabor Mobilität Wiesenburg": ideas and
 * clusters written by the facilitator's own whiteboard (through the board's test handle,
 * `client/src/board/testHooks.ts`), so cards and frames are placed as a real board places them.
 */
import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test'
import { type CreatedWorkshop, createWorkshop, expectSaved, signInFacilitator } from './fixtures.ts'

/** The parts of the board's test handle (client/src/board/testHooks.ts) these tests use. */
interface TestEditor {
  getCurrentPageShapes(): { id: string; type: string; x: number; y: number }[]
  getShapePageBounds(id: string): { x: number; y: number; w: number; h: number } | undefined
  getViewportPageBounds(): { x: number; y: number; w: number; h: number }
  getZoomLevel(): number
  getSelectedShapeIds(): string[]
  createShape(shape: { type: string; x: number; y: number }): void
  zoomToFit(): void
  resetZoom(): void
  setCamera(camera: { x: number; y: number; z: number }): void
}
interface TestBoard {
  addIdea(input: { text: string; authorName?: string; clusterId?: string | null }): string
  addCluster(input: { title: string }): string
  ideas(): { id: string; text: string; clusterId: string | null }[]
  clusters(): { id: string; title: string }[]
  moveIdea(id: string, clusterId: string | null): void
}
declare global {
  interface Window {
    __ideenwand?: { editor: TestEditor; board: TestBoard }
  }
}

export const WIESENBURG_IDEAS = {
  'Bus und Bahn': [
    'Bessere Anschlüsse Bus–Zug am Bahnhof Wiesenburg, damit abends niemand eine Stunde wartet',
    'Rufbus am Wochenende auch für die Ortsteile Reetz, Schlamau und Medewitz',
    'Fahrradabstellanlage mit Dach und Ladestation am Bahnhof',
  ],
  'Sicher zu Fuß': [
    'Zebrastreifen vor der Grundschule und Tempo 30 in der Schlossstraße',
    'Beleuchtung des Fußwegs zum Bahnhof, im Winter ist es ab 16 Uhr stockdunkel und viele ältere Menschen trauen sich dann nicht mehr allein auf den Weg',
  ],
  '': [
    'Mitfahrbank an der Kirche',
    'Carsharing-Auto der Gemeinde, das auch Vereine buchen können',
    'Barrierefreier Zugang zu Gleis 2 – heute nur über Treppen erreichbar, mit Rollator, Kinderwagen oder Rollstuhl unmöglich; ein Aufzug oder eine Rampe würde vielen helfen, auch Reisenden mit schwerem Gepäck und Fahrrad',
    'Schulbus fährt zu früh',
  ],
} as const

export const WIESENBURG_IDEA_COUNT = Object.values(WIESENBURG_IDEAS).flat().length

/** Opens the board of `workshop` for `page` with the test handle on. */
export async function openBoard(page: Page, boardId: string): Promise<void> {
  await page.addInitScript(() => localStorage.setItem('ideenwand:test', '1'))
  await page.goto(`/b/${boardId}`)
  await expectSaved(page)
  await page.waitForFunction(() => window.__ideenwand !== undefined)
}

/** Writes clusters and ideas through the facilitator's whiteboard; waits for their cards. */
export async function seedIdeas(
  page: Page,
  groups: Readonly<Record<string, readonly string[]>>,
  authorName = 'Maria Moderation',
): Promise<void> {
  const cards = () =>
    page.evaluate(
      () =>
        window.__ideenwand?.editor.getCurrentPageShapes().filter((s) => s.type === 'idea-card')
          .length ?? 0,
    )
  const before = await cards()
  await page.evaluate(
    ({ groups, authorName }) => {
      const board = window.__ideenwand?.board
      if (!board) throw new Error('no board handle')
      for (const [title, texts] of Object.entries(groups)) {
        const clusterId = title ? board.addCluster({ title }) : null
        for (const text of texts) board.addIdea({ text, authorName, clusterId })
      }
    },
    { groups, authorName },
  )
  const added = Object.values(groups).flat().length
  // Cards are counted in the editor: tldraw leaves shapes outside the viewport out of the DOM.
  await expect.poll(cards, { timeout: 15_000 }).toBe(before + added)
  await expectSaved(page)
}

/** A facilitator with a seeded workshop, on its whiteboard. */
export async function seededWorkshop(
  browser: Browser,
  title: string,
  options: { viewport?: { width: number; height: number }; locale?: 'de' | 'en' } = {},
): Promise<{ context: BrowserContext; page: Page; workshop: CreatedWorkshop }> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1440, height: 900 },
  })
  if (options.locale) await withLang(context, options.locale)
  await signInFacilitator(context.request)
  const workshop = await createWorkshop(context.request, title)
  const page = await context.newPage()
  await openBoard(page, workshop.boardId)
  await seedIdeas(page, WIESENBURG_IDEAS)
  return { context, page, workshop }
}

export async function withLang(context: BrowserContext, lang: 'de' | 'en'): Promise<void> {
  await context.addInitScript((l) => localStorage.setItem('ideenwand:lang', l), lang)
}

/** A participant's context (joined by code) with the given viewport. */
export async function participantContext(
  browser: Browser,
  code: string,
  name: string,
  viewport = { width: 1440, height: 900 },
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport })
  const res = await context.request.post('/api/join', { data: { code, name } })
  expect(res.ok(), await res.text()).toBe(true)
  return context
}

/** Opens a dot-voting round on ideas (moves to the vote phase). */
export async function openRound(
  context: BrowserContext,
  workshopId: string,
  body: Record<string, unknown> = { targetKind: 'idea', dotsPerPerson: 5, maxPerTarget: 3 },
): Promise<void> {
  const res = await context.request.post(`/api/workshops/${workshopId}/rounds`, { data: body })
  expect(res.status(), await res.text()).toBe(201)
}

/** The ids of the board's ideas by their text, as the page's board reads them now. */
export async function ideaIdsByText(page: Page): Promise<(text: string) => string> {
  const ideas = await page.evaluate(() => window.__ideenwand?.board.ideas() ?? [])
  return (text) => ideas.find((i) => i.text === text)?.id ?? ''
}

/**
 * A revealed dot round on ideas: opens it, lets a participant (`name`, joined by code) give one
 * dot per entry of `targets` (an idea id may repeat), reveals it. Returns the voter's context.
 */
export async function revealedRound(
  browser: Browser,
  context: BrowserContext,
  workshop: { id: string; participantCode: string },
  targets: string[],
  name = 'Vera',
): Promise<BrowserContext> {
  await openRound(context, workshop.id)
  const voter = await participantContext(browser, workshop.participantCode, name)
  for (const targetId of targets) {
    const res = await voter.request.post(`/api/workshops/${workshop.id}/votes`, {
      data: { targetId, delta: 1 },
    })
    expect(res.ok(), await res.text()).toBe(true)
  }
  const reveal = await context.request.post(`/api/workshops/${workshop.id}/rounds/current/reveal`)
  expect(reveal.status()).toBe(204)
  return voter
}

/** Whether the box `inner` lies inside `outer` (CSS pixels, 0.5 px tolerance). */
export function inside(
  inner: { x: number; y: number; width: number; height: number },
  outer: { x: number; y: number; width: number; height: number },
): boolean {
  return (
    inner.x >= outer.x - 0.5 &&
    inner.y >= outer.y - 0.5 &&
    inner.x + inner.width <= outer.x + outer.width + 0.5 &&
    inner.y + inner.height <= outer.y + outer.height + 0.5
  )
}
