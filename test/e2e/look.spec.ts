/**
 * Issue 16's polish, as a person sees it: every tab has a title of its own in German and in
 * English; the facilitator is told when join links point at this computer and when the privacy
 * notice still shows placeholders (guests are not); the whiteboard's header stays on one row on
 * a 1366 px laptop; tldraw's own strings in the English UI are English.
 */
import { expect, type Page, test } from '@playwright/test'
import { createWorkshop, signInFacilitator } from './fixtures.ts'
import { openBoard, participantContext, withLang } from './seed.ts'

const TITLE = 'Themenlabor Mobilität Wiesenburg'

for (const lang of ['de', 'en'] as const) {
  test(`every tab has a title of its own (${lang})`, async ({ browser }) => {
    test.setTimeout(90_000)
    const context = await browser.newContext()
    await withLang(context, lang)
    await signInFacilitator(context.request)
    const workshop = await createWorkshop(context.request, TITLE)
    const page = await context.newPage()
    const paths = [
      '/workshops',
      `/workshops/${workshop.id}`,
      `/workshops/${workshop.id}/handout`,
      `/b/${workshop.boardId}`,
      `/l/${workshop.boardId}`,
      `/p/${workshop.boardId}`,
      '/account',
      '/hilfe',
      '/datenschutz',
      '/barrierefreiheit',
    ]
    const titles = new Map<string, string>()
    let previous = ''
    for (const path of paths) {
      await page.goto(path)
      await expect(page.getByRole('main').first()).toBeVisible()
      // Each page names itself: its title differs from the page before.
      await expect
        .poll(() => page.title(), { message: path })
        .toMatch(/^(?!Ideenwand$).+ – Ideenwand$/)
      await expect.poll(() => page.title(), { message: path }).not.toBe(previous)
      // The workshop's own pages add its title once it has loaded (the whiteboard names itself
      // "Whiteboard – Ideenwand" until then).
      if (path === `/workshops/${workshop.id}` || path === `/b/${workshop.boardId}`) {
        await expect.poll(() => page.title(), { message: path }).toContain(TITLE)
      }
      previous = await page.title()
      titles.set(path, previous)
    }
    expect(new Set(titles.values()).size, JSON.stringify([...titles])).toBe(paths.length)
    expect(titles.get(`/workshops/${workshop.id}`)).toContain(TITLE)
    expect(titles.get(`/b/${workshop.boardId}`)).toBe(
      `${TITLE} – ${lang === 'de' ? 'Whiteboard' : 'whiteboard'} – Ideenwand`,
    )
    await context.close()
  })
}

test('the facilitator is told about links phones cannot open and an unset privacy notice; guests are not', async ({
  browser,
}) => {
  const context = await browser.newContext()
  await signInFacilitator(context.request)
  const workshop = await createWorkshop(context.request, TITLE)
  const page = await context.newPage()
  // The tests' server is reached at 127.0.0.1, so the join links point there.
  await page.goto(`/workshops/${workshop.id}`)
  await expect(page.getByTestId('join-url-participant')).toHaveValue(/^http:\/\/127\.0\.0\.1:/)
  const warning = page.getByTestId('local-link-warning')
  await expect(warning).toContainText('Handys erreichen diese Links nicht')
  await expect(warning).toContainText('PUBLIC_URL')
  await page.goto(`/workshops/${workshop.id}/handout`)
  await expect(page.getByTestId('local-link-warning')).toBeVisible()
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByTestId('local-link-warning')).toBeHidden()
  await page.emulateMedia({ media: 'screen' })
  // This build has no operator settings: the privacy notice names placeholders.
  for (const path of ['/workshops', '/datenschutz']) {
    await page.goto(path)
    await expect(page.getByTestId('operator-hint')).toContainText('VITE_PRIVACY_CONTACT')
  }
  const guest = await participantContext(browser, workshop.participantCode, 'Gast')
  const guestPage = await guest.newPage()
  await guestPage.goto('/datenschutz')
  await expect(guestPage.getByText('datenschutz@example.org').first()).toBeVisible()
  await expect(guestPage.getByTestId('operator-hint')).toHaveCount(0)
  await Promise.all([context.close(), guest.close()])
})

async function headerRows(page: Page): Promise<number> {
  return page.evaluate(() => {
    const header = document.querySelector('.iw-board-header')
    if (!header) throw new Error('no header')
    const tops = new Set(
      Array.from(header.children, (child) => {
        const r = child.getBoundingClientRect()
        return r.width > 0 ? Math.round(r.top + r.height / 2) : null
      }).filter((top) => top !== null),
    )
    return [...tops].reduce<number[]>((rows, top) => {
      if (!rows.some((row) => Math.abs(row - top) < 12)) rows.push(top)
      return rows
    }, []).length
  })
}

/** The right edge of the header's rightmost part. */
function headerRight(page: Page): Promise<number> {
  return page.evaluate(() =>
    Math.max(
      ...Array.from(
        document.querySelectorAll('.iw-board-header > *'),
        (c) => c.getBoundingClientRect().right,
      ),
    ),
  )
}

for (const lang of ['de', 'en'] as const) {
  test(`at 1366 px the whiteboard's header is one row; tldraw speaks ${lang}`, async ({
    browser,
  }) => {
    const facilitator = await browser.newContext()
    await signInFacilitator(facilitator.request)
    const workshop = await createWorkshop(facilitator.request, TITLE)
    const context = await participantContext(browser, workshop.participantCode, 'Anna Beispiel', {
      width: 1366,
      height: 768,
    })
    await withLang(context, lang)
    const page = await context.newPage()
    await openBoard(page, workshop.boardId)
    await expect(page.getByTestId('board-title')).toHaveText(TITLE)
    await page.screenshot({ path: test.info().outputPath(`board-1366-${lang}.png`) })
    expect(await headerRows(page)).toBe(1)
    // …and nothing of it runs off the screen.
    expect(await headerRight(page)).toBeLessThanOrEqual(1366)
    // While voting (with a hint why no ideas can be added) nothing runs off the screen either.
    const res = await facilitator.request.post(`/api/workshops/${workshop.id}/phase`, {
      data: { phase: 'vote' },
    })
    expect(res.status()).toBe(204)
    await expect(page.getByTestId('add-idea-hint')).toBeVisible()
    await page.screenshot({ path: test.info().outputPath(`board-1366-${lang}-vote.png`) })
    expect(await headerRows(page)).toBeLessThanOrEqual(2)
    expect(await headerRight(page)).toBeLessThanOrEqual(1366)
    // No untranslated tldraw keys or German in the English whiteboard.
    // (Text and the names of its buttons, which are tooltips too.)
    const ui = await page.evaluate(() => {
      const root = document.querySelector('.tl-container')
      if (!root) throw new Error('no canvas')
      const names = Array.from(root.querySelectorAll('[aria-label], [title]'), (el) =>
        [el.getAttribute('aria-label'), el.getAttribute('title')].join(' '),
      )
      return [root.textContent, ...names].join(' ')
    })
    expect(ui).not.toMatch(/tool\.|Seite 1|Gepunkted/)
    if (lang === 'en') expect(ui).not.toMatch(/Seite|Hinweis|Werkzeug/)
    await Promise.all([context.close(), facilitator.close()])
  })
}

test('a download message follows the page language ("Open-Data-Paket" in the English UI)', async ({
  browser,
}) => {
  const context = await browser.newContext({ acceptDownloads: true })
  await signInFacilitator(context.request)
  const workshop = await createWorkshop(context.request, TITLE)
  const page = await context.newPage()
  await page.goto(`/workshops/${workshop.id}`)
  const panel = page.getByTestId('outcome-panel')
  await Promise.all([page.waitForEvent('download'), panel.getByTestId('download-zip').click()])
  await expect(panel.getByTestId('outcome-message')).toHaveText(
    'Open-Data-Paket ist heruntergeladen.',
  )
  await page.getByRole('combobox', { name: 'Sprache' }).first().selectOption('en')
  await expect(panel.getByTestId('outcome-message')).toHaveText('Open-data package is downloaded.')
  await context.close()
})
