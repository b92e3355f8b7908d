/**
 * The Content Security Policy holds on every kind of page, with the tldraw canvas mounted (on
 * 127.0.0.1 tldraw runs without a key, with its watermark and its own `<style>` element): no
 * 'unsafe-inline' in the header, and not a single violation reported by Chromium. The same
 * check over HTTPS behind nginx, where the canvas is replaced by the licence notice, is in
 * test/e2e-tls.
 */
import { type BrowserContext, expect, test } from '@playwright/test'
import { addIdea, createWorkshop, expectSaved, signInFacilitator } from './fixtures.ts'

/** CSP violations of every page of the context, from the DOM event and from the console. */
function watchCsp(context: BrowserContext): string[] {
  const violations: string[] = []
  context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const where = `${e.sourceFile}:${e.lineNumber}`
      console.error(
        `CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI} (${where}) ${e.sample}`,
      )
    })
  })
  context.on('page', (page) =>
    page.on('console', (message) => {
      if (/CSP violation|Refused to|Content Security Policy/.test(message.text())) {
        violations.push(`${page.url()}: ${message.text()}`)
      }
    }),
  )
  return violations
}

test('no CSP violation on any page, canvas included; no unsafe-inline', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const violations = watchCsp(context)
  await signInFacilitator(context.request)
  const workshop = await createWorkshop(context.request, 'Strenge CSP')
  const page = await context.newPage()

  const start = await page.goto('/')
  const csp = (await start?.headerValue('content-security-policy')) ?? ''
  expect(csp).not.toContain('unsafe-inline')
  expect(csp).not.toContain('unsafe-eval')
  expect(csp).toMatch(/style-src-elem 'self' 'nonce-[A-Za-z0-9+/=]+'/)

  await page.goto(`/workshops/${workshop.id}`)
  await expect(page.getByTestId('invite-code-participant')).toBeVisible()
  await page.goto(`/b/${workshop.boardId}`)
  await expectSaved(page)
  await addIdea(page, 'Streng nach Richtlinie')
  // tldraw's watermark (no key on 127.0.0.1) brings a <style> element: it must carry the nonce.
  const styled = await page.evaluate(() =>
    Array.from(document.querySelectorAll('style'), (s) => s.nonce !== ''),
  )
  expect(styled.length).toBeGreaterThan(0)
  expect(styled.every(Boolean)).toBe(true)
  await expect(page.getByTestId('licence-notice')).toHaveCount(0)
  // tldraw's note tool (N) adds an idea too (the board holds no other shapes: boardUi.ts).
  await page.keyboard.press('Escape')
  await page.keyboard.press('n')
  await page.keyboard.type('Per Taste N')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('idea-card').filter({ hasText: 'Per Taste N' })).toBeVisible()
  for (const path of [`/l/${workshop.boardId}`, `/p/${workshop.boardId}`, '/login']) {
    await page.goto(path)
    await expect(page.getByRole('main').first()).toBeVisible()
  }
  await page.goto(`/m/${workshop.boardId}`)
  await expect(page.getByTestId('phone-view')).toBeVisible()
  await expect(page.getByText('Streng nach Richtlinie', { exact: true })).toBeVisible()

  expect(violations).toEqual([])
  await context.close()
})
