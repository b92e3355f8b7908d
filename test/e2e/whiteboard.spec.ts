/**
 * The whiteboard as a town hall sees it (issue 16, items 1, 2, 7 and 8): only ideas and
 * clusters on the board, every idea's whole text readable with usable vote controls, new cards
 * where people look, clusters renamed and moved by their title.
 */
import { expect, type Locator, type Page, test } from '@playwright/test'
import { expectSaved } from './fixtures.ts'
import {
  inside,
  openBoard,
  openRound,
  participantContext,
  seededWorkshop,
  WIESENBURG_IDEA_COUNT,
} from './seed.ts'

/** Shapes on the board that are neither idea cards nor cluster frames. */
function foreignShapes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const editor = window.__ideenwand?.editor
    if (!editor) throw new Error('no editor')
    return editor
      .getCurrentPageShapes()
      .map((s) => s.type)
      .filter((type) => type !== 'idea-card' && type !== 'cluster-frame')
  })
}

/** Every idea card's text fits its box (nothing cut) and nothing lies on it. */
async function expectWholeTexts(page: Page): Promise<void> {
  // The cards re-fit their text after a zoom or a new round has re-rendered them.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))))
  const report = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('[data-testid="idea-card-text"]'), (p) => {
      const text = p.getBoundingClientRect()
      const controls = p.parentElement?.querySelector('[data-testid="vote-controls"]')
      const marks = p.parentElement?.querySelector('[data-testid="card-marks"]')
      const overlaps = (other: Element | null | undefined) => {
        if (!other) return false
        const o = other.getBoundingClientRect()
        return !(
          o.bottom <= text.top ||
          o.top >= text.bottom ||
          o.right <= text.left ||
          o.left >= text.right
        )
      }
      return {
        text: p.textContent,
        cut: p.scrollHeight > p.clientHeight + 1 || p.scrollWidth > p.clientWidth + 1,
        coveredByControls: overlaps(controls),
        coveredByMarks: overlaps(marks),
      }
    }),
  )
  expect(report.length).toBeGreaterThan(0)
  for (const card of report) {
    expect(card, card.text ?? '').toMatchObject({
      cut: false,
      coveredByControls: false,
      coveredByMarks: false,
    })
  }
}

/** No two idea cards lie on each other (a grown card moved the ones below it down). */
async function expectNoOverlappingCards(page: Page): Promise<void> {
  const overlapping = await page.evaluate(() => {
    const editor = window.__ideenwand?.editor
    if (!editor) throw new Error('no editor')
    const boxes = editor
      .getCurrentPageShapes()
      .filter((s) => s.type === 'idea-card')
      .map((s) => ({ id: s.id, box: editor.getShapePageBounds(s.id) }))
    const pairs: string[] = []
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        if (!a.box || !b.box) continue
        const apart =
          a.box.x + a.box.w <= b.box.x ||
          b.box.x + b.box.w <= a.box.x ||
          a.box.y + a.box.h <= b.box.y ||
          b.box.y + b.box.h <= a.box.y
        if (!apart) pairs.push(`${a.id} ${b.id}`)
      }
    }
    return pairs
  })
  expect(overlapping).toEqual([])
}

async function zoomToFit(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.__ideenwand?.editor.zoomToFit()
  })
}

test('facilitators: N makes a real idea; no drawing, text, shapes or media on the board', async ({
  browser,
}) => {
  const { context, page, workshop } = await seededWorkshop(browser, 'Nur Ideen')
  // The header and the tab name the workshop, not the board's id.
  await expect(page.getByTestId('board-title')).toHaveText('Nur Ideen')
  await expect(page).toHaveTitle('Nur Ideen – Whiteboard – Ideenwand')
  // tldraw's toolbar offers no drawing tools, and the note tool is "Idee hinzufügen".
  for (const tool of ['draw', 'text', 'rectangle', 'arrow', 'frame', 'asset', 'eraser']) {
    await expect(page.getByTestId(`tools.${tool}`)).toHaveCount(0)
  }
  await expect(page.getByTestId('tools.note')).toHaveAccessibleName(/Idee hinzufügen/)

  await page.locator('.tl-canvas').click({ position: { x: 40, y: 300 } })
  await page.keyboard.press('n')
  const editing = page.getByRole('textbox', { name: 'Text der Idee bearbeiten' })
  await expect(editing).toBeFocused()
  await page.keyboard.type('Notiz wird Idee')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('idea-card').filter({ hasText: 'Notiz wird Idee' })).toBeVisible()
  await expectSaved(page)
  // tldraw's live region names the selected card by its text and kind, in German.
  await expect(page.locator('.tl-container [role="status"][aria-live]')).toHaveText(
    /^Notiz wird Idee, Idee\. \d+ von \d+$/,
  )

  // What a facilitator pastes as another shape is gone at once.
  await page.evaluate(() => {
    const editor = window.__ideenwand?.editor
    editor?.createShape({ type: 'geo', x: 0, y: 0 })
    editor?.createShape({ type: 'note', x: 300, y: 0 })
  })
  expect(await foreignShapes(page)).toEqual([])

  // The idea from N is a domain idea: the list view knows it.
  const list = await context.newPage()
  await list.goto(`/l/${workshop.boardId}`)
  await expect(list.getByText('Notiz wird Idee', { exact: true })).toBeVisible()
  await context.close()
})

test('cards: whole text in every phase; vote buttons at least 24×24 px at zoom-to-fit', async ({
  browser,
}) => {
  test.setTimeout(90_000)
  const { context, page, workshop } = await seededWorkshop(browser, 'Lesbare Karten')
  await zoomToFit(page)
  await expectWholeTexts(page)
  await expectNoOverlappingCards(page)
  // A long word is not broken while a smaller font fits it.
  const bike = page.getByTestId('idea-card-text').filter({ hasText: 'Fahrradabstellanlage' })
  await expect(bike).toHaveCSS('overflow-wrap', 'normal')
  await page.screenshot({ path: test.info().outputPath('collect-zoom-to-fit.png') })

  const anna = await participantContext(browser, workshop.participantCode, 'Anna')
  const annaPage = await anna.newPage()
  await openBoard(annaPage, workshop.boardId)
  await expect(annaPage.getByTestId('idea-card')).toHaveCount(WIESENBURG_IDEA_COUNT)
  await openRound(context, workshop.id)
  await expect(annaPage.getByTestId('vote-controls')).toHaveCount(WIESENBURG_IDEA_COUNT)
  // The facilitator puts the spotlight on the longest idea: its badge must not cover the text.
  const longest = await page.evaluate(
    () =>
      window.__ideenwand?.board.ideas().sort((a, b) => b.text.length - a.text.length)[0]?.id ?? '',
  )
  const spot = await context.request.patch(`/api/workshops/${workshop.id}/settings`, {
    data: { spotlight: { kind: 'idea', id: longest } },
  })
  expect(spot.ok(), await spot.text()).toBe(true)
  await expect(annaPage.getByTestId('card-marks')).toHaveCount(1)

  const viewport = annaPage.viewportSize()
  if (!viewport) throw new Error('no viewport')
  const screen = { x: 0, y: 0, ...viewport }
  const usableButtons = async () => {
    for (const button of await annaPage.getByTestId('vote-plus').all()) {
      const box = await button.boundingBox()
      if (!box) throw new Error('no box')
      expect(box.width).toBeGreaterThanOrEqual(24)
      expect(box.height).toBeGreaterThanOrEqual(24)
      if (!inside(box, screen)) continue
      // Not covered: the topmost element at the button's centre is the button (polled: the
      // camera may still be settling after a zoom on a loaded machine).
      await expect
        .poll(() =>
          button.evaluate((el) => {
            const r = el.getBoundingClientRect()
            const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)
            return top === el || el.contains(top)
          }),
        )
        .toBe(true)
    }
  }
  // At zoom-to-fit, and zoomed out further (where 32-px buttons would be 13 px).
  await zoomToFit(annaPage)
  await expectWholeTexts(annaPage)
  await expectNoOverlappingCards(annaPage)
  await usableButtons()
  await annaPage.evaluate(() => {
    const editor = window.__ideenwand?.editor as unknown as {
      getCurrentPageBounds(): unknown
      zoomToBounds(bounds: unknown, opts: { targetZoom: number }): void
    }
    editor.zoomToBounds(editor.getCurrentPageBounds(), { targetZoom: 0.4 })
  })
  await expect
    .poll(() => annaPage.evaluate(() => window.__ideenwand?.editor.getZoomLevel() ?? 1))
    .toBeLessThanOrEqual(0.4)
  // (Text at 40 % is too small to read anyway; it is whole again at zoom-to-fit and at 100 %.)
  await usableButtons()
  await annaPage.screenshot({ path: test.info().outputPath('vote-zoom-0.4.png') })
  await zoomToFit(annaPage)
  // A dot by mouse at that zoom counts.
  const first = annaPage.getByTestId('vote-controls').first()
  await first.getByTestId('vote-plus').click()
  await expect(first).toHaveAttribute('data-mine', '1')
  await expectWholeTexts(annaPage)
  // Zoomed in, the same cards with the same whole texts.
  await annaPage.screenshot({ path: test.info().outputPath('vote-zoom-to-fit.png') })
  await annaPage.evaluate(() => {
    window.__ideenwand?.editor.resetZoom()
  })
  await expectWholeTexts(annaPage)
  await Promise.all([context.close(), anna.close()])
})

/** The canvas's box minus nothing, and the boxes of tldraw's UI that lie over it. */
async function canvasAndUi(page: Page) {
  return page.evaluate(() => {
    const rect = (el: Element) => {
      const r = el.getBoundingClientRect()
      return { x: r.x, y: r.y, width: r.width, height: r.height }
    }
    const canvas = document.querySelector('.tl-canvas')
    if (!canvas) throw new Error('no canvas')
    const ui = Array.from(
      document.querySelectorAll(
        '.tlui-menu-zone, .tlui-main-toolbar__inner, .tlui-navigation-panel, .tlui-people-menu__avatars, .tlui-helper-buttons',
      ),
      rect,
    ).filter((r) => r.width > 0 && r.height > 0)
    return { canvas: rect(canvas), ui }
  })
}

type Rect = { x: number; y: number; width: number; height: number }
const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

/**
 * `shape` comes to lie on the canvas, inside the window, under none of tldraw's menus and
 * toolbars. Waits for it: the view follows a new shape with an animated camera move, which a
 * busy machine may start late.
 */
async function expectInView(page: Page, shape: Locator): Promise<void> {
  await expect
    .poll(
      async () => {
        const box = await shape.boundingBox()
        const { canvas } = await canvasAndUi(page)
        // On failure the report shows where the shape was.
        return box && inside(box, canvas)
          ? 'in view'
          : `${JSON.stringify(box)} in ${JSON.stringify(canvas)}`
      },
      { timeout: 10_000 },
    )
    .toBe('in view')
  const box = await shape.boundingBox()
  if (!box) throw new Error('no box')
  const { ui } = await canvasAndUi(page)
  for (const covering of ui) expect(overlaps(box, covering), JSON.stringify(covering)).toBe(false)
}

/** Waits until the camera stands still (an animated move has ended). */
async function cameraSettled(page: Page): Promise<void> {
  let last = ''
  await expect
    .poll(async () => {
      const now = await page.evaluate(() => {
        const view = window.__ideenwand?.editor.getViewportPageBounds()
        return JSON.stringify(view)
      })
      const same = now === last
      last = now
      return same
    })
    .toBe(true)
}

test('new ideas and clusters land in view, not under the toolbars; everyone lands on the content', async ({
  browser,
}) => {
  test.setTimeout(90_000)
  const { context, page, workshop } = await seededWorkshop(browser, 'Karten im Blick')
  // The content lies far from the origin, where a fresh view would look.
  await page.evaluate(() => {
    const editor = window.__ideenwand?.editor as unknown as {
      selectAll(): void
      nudgeShapes(ids: string[], offset: { x: number; y: number }): void
      getSelectedShapeIds(): string[]
      selectNone(): void
    }
    editor.selectAll()
    editor.nudgeShapes(editor.getSelectedShapeIds(), { x: 6000, y: 4000 })
    editor.selectNone()
  })
  await expectSaved(page)

  // A reloading facilitator and a new participant land on the cards.
  await page.reload()
  await expectSaved(page)
  const cardsInView = async (p: Page) => {
    await expect(p.getByTestId('idea-card')).toHaveCount(WIESENBURG_IDEA_COUNT)
    for (const card of await p.getByTestId('idea-card').all()) {
      await expectInView(p, card)
    }
  }
  await cardsInView(page)
  const ben = await participantContext(browser, workshop.participantCode, 'Ben')
  const benPage = await ben.newPage()
  await openBoard(benPage, workshop.boardId)
  await cardsInView(benPage)

  // The centre of the view is full (a cluster frame at 100 %): the new card goes beside it,
  // inside the view, under no toolbar.
  await page.evaluate(() => {
    const editor = window.__ideenwand?.editor
    const frame = editor?.getCurrentPageShapes().find((s) => s.type === 'cluster-frame')
    const bounds = frame && editor?.getShapePageBounds(frame.id)
    if (!editor || !bounds) throw new Error('no frame')
    const view = editor.getViewportPageBounds()
    editor.setCamera({
      x: -(bounds.x + bounds.w / 2 - view.w / 2),
      y: -(bounds.y + bounds.h / 2 - view.h / 2),
      z: 1,
    })
  })
  await page.getByTestId('add-idea').click()
  await page.keyboard.type('Neu im Blick')
  await page.keyboard.press('Escape')
  const added = page.getByTestId('idea-card').filter({ hasText: 'Neu im Blick' })
  await expectInView(page, added)

  // The whole view is one frame (zoomed in): the card goes next to it and the view follows.
  await page.evaluate(() => {
    const editor = window.__ideenwand?.editor
    const frame = editor?.getCurrentPageShapes().find((s) => s.type === 'cluster-frame')
    const bounds = frame && editor?.getShapePageBounds(frame.id)
    if (!editor || !bounds) throw new Error('no frame')
    const z = 4
    const view = editor.getViewportPageBounds()
    const w = (view.w * editor.getZoomLevel()) / z
    const h = (view.h * editor.getZoomLevel()) / z
    editor.setCamera({
      x: -(bounds.x + bounds.w / 2 - w / 2),
      y: -(bounds.y + bounds.h / 2 - h / 2),
      z,
    })
  })
  await page.getByTestId('add-idea').click()
  await page.keyboard.type('Neben dem Rahmen')
  await page.keyboard.press('Escape')
  await cameraSettled(page)
  const beside = page.getByTestId('idea-card').filter({ hasText: 'Neben dem Rahmen' })
  await expectInView(page, beside)

  // A new cluster likewise.
  await page.getByTestId('add-cluster').click()
  await cameraSettled(page)
  const frames = page.getByTestId('cluster-frame')
  const newest = frames.filter({ hasText: 'Neuer Cluster' })
  await expectInView(page, newest)
  await Promise.all([context.close(), ben.close()])
})

test('clusters: a click on the title or the edge selects, a drag on the title moves, a double-click renames', async ({
  browser,
}) => {
  const { context, page, workshop } = await seededWorkshop(browser, 'Cluster greifen')
  await page.evaluate(() => {
    window.__ideenwand?.editor.resetZoom()
  })
  const clusterId = await page
    .getByTestId('cluster-frame')
    .filter({ hasText: 'Bus und Bahn' })
    .getAttribute('data-cluster-id')
  const frame = page.locator(`[data-cluster-id="${clusterId}"]`)
  const selected = () =>
    page.evaluate(() => {
      const editor = window.__ideenwand?.editor
      return (editor?.getSelectedShapeIds() ?? []).map(
        (id) => editor?.getCurrentPageShapes().find((s) => s.id === id)?.type,
      )
    })
  const frameBox = async () => {
    const box = await frame.boundingBox()
    if (!box) throw new Error('no frame box')
    return box
  }
  const deselect = async () => {
    await page.keyboard.press('Escape')
    await expect.poll(selected).toEqual([])
  }

  let box = await frameBox()
  // Title: a click selects the cluster.
  await page.mouse.click(box.x + 60, box.y + 14)
  await expect.poll(selected).toEqual(['cluster-frame'])
  await deselect()
  // Edges: left, right and bottom, on the frame's border.
  const edges: [number, number][] = [
    [box.x + 2, box.y + box.height / 2],
    [box.x + box.width - 2, box.y + box.height / 2],
    [box.x + box.width / 2, box.y + box.height - 2],
  ]
  for (const [x, y] of edges) {
    await page.mouse.click(x, y)
    await expect.poll(selected).toEqual(['cluster-frame'])
    await deselect()
  }

  // Dragging the title moves the frame and its cards.
  // (tldraw draws shapes side by side in the DOM: the card is found by its text.)
  const card = page.getByTestId('idea-card').filter({ hasText: 'Fahrradabstellanlage' })
  const cardBefore = await card.boundingBox()
  await page.mouse.move(box.x + 60, box.y + 14)
  await page.mouse.down()
  await page.mouse.move(box.x + 160, box.y + 94, { steps: 8 })
  await page.mouse.up()
  const moved = await frameBox()
  expect(Math.round(moved.x - box.x)).toBe(100)
  expect(Math.round(moved.y - box.y)).toBe(80)
  const cardAfter = await card.boundingBox()
  expect(Math.round((cardAfter?.x ?? 0) - (cardBefore?.x ?? 0))).toBe(100)
  await deselect()
  box = moved

  // A double-click on the title renames the cluster; no text box appears anywhere.
  await page.mouse.dblclick(box.x + 60, box.y + 14)
  const input = frame.locator('.iw-cluster-title-input')
  await expect(input).toBeFocused()
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.type('Bus, Bahn und Rad')
  await page.keyboard.press('Enter')
  await expect(frame.locator('.iw-cluster-title')).toHaveText('Bus, Bahn und Rad')
  // A double-click inside the frame, between the cards, makes no stray text box either.
  await page.mouse.dblclick(box.x + box.width - 30, box.y + box.height - 30)
  expect(await foreignShapes(page)).toEqual([])
  await expect(page.locator('.tl-rich-text, [contenteditable="true"]')).toHaveCount(0)
  await expectSaved(page)

  const list = await context.newPage()
  await list.goto(`/l/${workshop.boardId}`)
  await expect(list.getByRole('heading', { name: 'Bus, Bahn und Rad' })).toBeVisible()
  await context.close()
})
