/**
 * Issue 16 §5, one move, one truth: an idea moved to another cluster in the list view is inside
 * the new cluster's frame on the whiteboard (live and after a reload), and the PDF report lists
 * it under that cluster and pictures its card in that cluster's frame.
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { type Browser, expect, type Page, test } from '@playwright/test'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { createWorkshop, expectSaved, signInFacilitator } from './fixtures.ts'

const require = createRequire(import.meta.url)
const STANDARD_FONTS = `${join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`

const BUS = 'Bus und Bahn'
const FOOT = 'Sicher zu Fuß'
const IDEA = 'Zebrastreifen'

async function facilitatorBoard(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  await signInFacilitator(context.request)
  const workshop = await createWorkshop(context.request, 'Eine Wahrheit')
  await context.addInitScript(() => localStorage.setItem('ideenwand:test', '1'))
  const page = await context.newPage()
  await page.goto(`/b/${workshop.boardId}`)
  await expectSaved(page)
  await page.waitForFunction(() => window.__ideenwand !== undefined)
  return { context, page, workshop }
}

/** Whether the card showing `text` lies inside the frame titled `title` (CSS pixels). */
async function cardInFrame(page: Page, text: string, title: string): Promise<boolean> {
  const card = await page.getByTestId('idea-card').filter({ hasText: text }).boundingBox()
  const frame = await page.getByTestId('cluster-frame').filter({ hasText: title }).boundingBox()
  if (!card || !frame) return false
  return (
    card.x >= frame.x - 0.5 &&
    card.y >= frame.y - 0.5 &&
    card.x + card.width <= frame.x + frame.width + 0.5 &&
    card.y + card.height <= frame.y + frame.height + 0.5
  )
}

interface Item {
  str: string
  x: number
  y: number
}

/**
 * For each PDF page that shows the idea and both cluster titles: the title nearest above-left of
 * the idea's text — in the list its heading, in the board picture its frame's title.
 */
async function clusterOfIdeaInPdf(bytes: Uint8Array, idea: string): Promise<string[]> {
  const pdf = await getDocument({ data: bytes, standardFontDataUrl: STANDARD_FONTS }).promise
  const found: string[] = []
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent()
    const items: Item[] = content.items
      .filter(
        (it): it is (typeof content.items)[number] & { str: string; transform: number[] } =>
          'str' in it,
      )
      .map((it) => ({ str: it.str.trim(), x: it.transform[4] ?? 0, y: it.transform[5] ?? 0 }))
    // The list's headings carry the count ("Sicher zu Fuß (1)"), the picture's titles do not.
    const titles = items
      .map((it) => ({ ...it, str: it.str.replace(/ \(\d+\)$/, '') }))
      .filter((it) => it.str === BUS || it.str === FOOT)
    for (const card of items.filter((it) => it.str === idea)) {
      const above = titles.filter((t) => t.x <= card.x + 1 && t.y > card.y)
      if (!titles.some((t) => t.str === BUS) || !titles.some((t) => t.str === FOOT)) continue
      above.sort(
        (a, b) => Math.hypot(a.x - card.x, a.y - card.y) - Math.hypot(b.x - card.x, b.y - card.y),
      )
      found.push(above[0]?.str ?? '(none)')
    }
  }
  await pdf.destroy()
  return found
}

test('§5 moving an idea to another cluster in the list view moves its card into that frame on the whiteboard, after reload and in the PDF', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const { context, page, workshop } = await facilitatorBoard(browser)
  await page.evaluate(
    ({ BUS, FOOT, IDEA }) => {
      const board = window.__ideenwand?.board
      if (!board) throw new Error('no board handle')
      const bus = board.addCluster({ title: BUS })
      board.addCluster({ title: FOOT })
      board.addIdea({ text: IDEA, clusterId: bus, authorName: 'Maria' })
      board.addIdea({ text: 'Rufbus am Wochenende', clusterId: bus, authorName: 'Maria' })
    },
    { BUS, FOOT, IDEA },
  )
  await expect(page.getByTestId('idea-card')).toHaveCount(2)
  await expect(page.getByTestId('cluster-frame')).toHaveCount(2)
  await page.evaluate(() => {
    window.__ideenwand?.editor.zoomToFit()
  })
  await expect.poll(() => cardInFrame(page, IDEA, BUS)).toBe(true)
  await expectSaved(page)

  const list = await context.newPage()
  await list.goto(`/l/${workshop.boardId}`)
  const item = list.getByTestId('list-idea').filter({ hasText: IDEA })
  await item.getByTestId('list-move-select').selectOption({ label: FOOT })
  await item.getByTestId('list-move-button').click()
  await expect(
    list.getByRole('region', { name: new RegExp(FOOT) }).getByTestId('list-idea'),
  ).toHaveCount(1)
  await expectSaved(list)

  // The whiteboard follows at once …
  await expect.poll(() => cardInFrame(page, IDEA, FOOT)).toBe(true)
  expect(await cardInFrame(page, IDEA, BUS)).toBe(false)
  // … and after a reload (the move is stored, not only drawn).
  await page.reload()
  await expectSaved(page)
  await page.waitForFunction(() => window.__ideenwand !== undefined)
  await page.evaluate(() => {
    window.__ideenwand?.editor.zoomToFit()
  })
  await expect.poll(() => cardInFrame(page, IDEA, FOOT)).toBe(true)
  expect(await page.evaluate(() => window.__ideenwand?.board.ideas().length)).toBe(2)

  const pdf = await context.request.get(`/api/workshops/${workshop.id}/report?format=pdf`)
  expect(pdf.status()).toBe(200)
  const clusters = await clusterOfIdeaInPdf(new Uint8Array(await pdf.body()), IDEA)
  // Listed under the cluster, and pictured in its frame: every place says the same.
  expect(clusters.length).toBeGreaterThanOrEqual(2)
  expect(new Set(clusters)).toEqual(new Set([FOOT]))
  await context.close()
})

test('§5 a move that left the card behind (an older client) is put right by the facilitator whiteboard', async ({
  browser,
}) => {
  const { context, page } = await facilitatorBoard(browser)
  const ids = await page.evaluate(
    ({ BUS, FOOT, IDEA }) => {
      const board = window.__ideenwand?.board
      if (!board) throw new Error('no board handle')
      const bus = board.addCluster({ title: BUS })
      const foot = board.addCluster({ title: FOOT })
      return { idea: board.addIdea({ text: IDEA, clusterId: bus, authorName: 'Maria' }), foot }
    },
    { BUS, FOOT, IDEA },
  )
  await expect(page.getByTestId('cluster-frame')).toHaveCount(2)
  await page.evaluate(() => {
    window.__ideenwand?.editor.zoomToFit()
  })
  await expect.poll(() => cardInFrame(page, IDEA, BUS)).toBe(true)
  // The domain changes, the card is not touched (as a list view before this fix did).
  await page.evaluate(({ idea, foot }) => window.__ideenwand?.board.moveIdea(idea, foot), ids)
  await expect.poll(() => cardInFrame(page, IDEA, FOOT)).toBe(true)
  await page.evaluate(({ idea }) => window.__ideenwand?.board.moveIdea(idea, null), ids)
  await expect.poll(() => cardInFrame(page, IDEA, FOOT)).toBe(false)
  expect(await cardInFrame(page, IDEA, BUS)).toBe(false)
  await context.close()
})
