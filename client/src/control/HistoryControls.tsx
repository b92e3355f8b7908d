/**
 * Facilitator panel, "History" (issue 14 §3): opens the board's history in a dialog — when, who,
 * how many ideas — and from any entry restores the whole board to how it was before it, or undoes
 * everything that entry's person changed since. The server applies either as a new change to the
 * live board, so every open client shows the result at once; what changed is announced.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { type Applied, type HistoryEntry, historyApi } from '../api/history.ts'
import { useLang } from '../i18n/LangProvider.tsx'
import { useControlT } from '../i18n/useControlT.ts'
import { ConfirmButton } from '../ui/ConfirmButton.tsx'
import { useControlContext } from './ControlContext.tsx'
import { ModalDialog } from './ModalDialog.tsx'

export function HistoryControls() {
  const ct = useControlT()
  const [open, setOpen] = useState(false)
  const opener = useRef<HTMLButtonElement>(null)
  const close = () => {
    setOpen(false)
    opener.current?.focus()
  }
  return (
    <section className="iw-panel-section" aria-labelledby="iw-fp-history">
      <h3 id="iw-fp-history">{ct('history.heading')}</h3>
      <p className="iw-hint">{ct('history.hint')}</p>
      <button
        ref={opener}
        type="button"
        className="iw-button iw-button-small"
        data-testid="history-open"
        onClick={() => setOpen(true)}
      >
        {ct('history.open')}
      </button>
      {open ? <HistoryDialog onClose={close} /> : null}
    </section>
  )
}

function HistoryDialog({ onClose }: { onClose: () => void }) {
  const ct = useControlT()
  const { lang } = useLang()
  const ctx = useControlContext()
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    if (!ctx) return
    await ctx.run(async (workshopId) => setEntries(await historyApi.list(workshopId)))
  }, [ctx])

  useEffect(() => {
    void load()
  }, [load])

  const locale = lang === 'de' ? 'de-DE' : 'en-GB'
  const today = new Date().toDateString()
  /** The time; with the date when it was not today. */
  const time = (iso: string) => {
    const date = new Date(iso)
    const clock = date.toLocaleTimeString(locale, {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    return date.toDateString() === today
      ? clock
      : `${date.toLocaleDateString(locale, { day: 'numeric', month: 'short' })}, ${clock}`
  }

  const who = (e: HistoryEntry): string => {
    if (!e.sender) return ct('history.unrecorded')
    if (e.sender.kind === 'system') return ct('history.system')
    if (e.sender.kind === 'facilitator') {
      return e.senderName
        ? ct('history.facilitator', { name: e.senderName })
        : ct('history.facilitatorUnnamed')
    }
    if (!e.sender.id) return ct('history.erased')
    return e.senderName ?? ct('history.anonymousGuest')
  }

  const summary = (e: HistoryEntry): string => {
    if (e.cardsOnly) return ct('history.cards', { count: e.ideasChanged })
    const other = Math.max(0, e.ideasChanged - e.ideasAdded - e.ideasDeleted)
    const parts: string[] = []
    if (e.ideasAdded) parts.push(ct('history.added', { count: e.ideasAdded }))
    if (e.ideasDeleted) parts.push(ct('history.deleted', { count: e.ideasDeleted }))
    if (other) parts.push(ct('history.changed', { count: other }))
    if (e.clustersChanged) parts.push(ct('history.clusters', { count: e.clustersChanged }))
    return parts.length ? parts.join(', ') : ct('history.nothing')
  }

  const apply = async (request: (workshopId: string) => Promise<Applied>) => {
    if (!ctx) return
    setBusy(true)
    let result: Applied | null = null
    const ok = await ctx.run(async (workshopId) => {
      result = await request(workshopId)
    })
    setBusy(false)
    if (!ok || !result) return
    const r: Applied = result
    const text = ct('history.done', {
      restored: r.ideasRestored,
      removed: r.ideasRemoved,
      changed: r.ideasChanged,
    })
    ctx.announce(
      r.ideasHeldBack ? `${text} ${ct('history.heldBack', { count: r.ideasHeldBack })}` : text,
    )
    await load()
  }

  return (
    <ModalDialog
      className="iw-suggest-dialog iw-history-dialog"
      testId="history-dialog"
      title={ct('history.title')}
      intro={ct('history.intro')}
      onClose={onClose}
    >
      {ctx?.notice ? (
        <p className="iw-hint" data-testid="history-notice">
          {ctx.notice.text}
        </p>
      ) : null}
      {entries === null ? (
        <p role="status">{ct('history.loading')}</p>
      ) : !entries.some(changedSomething) ? (
        <p>{ct('history.empty')}</p>
      ) : (
        <ol className="iw-history-list" aria-busy={busy}>
          {entries.filter(changedSomething).map((e) => {
            const person = who(e)
            const at = time(e.at)
            const sender = e.sender
            return (
              <li key={e.id} className="iw-history-entry" data-testid="history-entry">
                <p>
                  <time dateTime={e.at}>{at}</time> · <strong>{person}</strong>
                  <br />
                  <span data-testid="history-summary">{summary(e)}</span>
                </p>
                <div className="iw-row iw-row-wrap">
                  <ConfirmButton
                    question={ct('history.restoreConfirm', { time: at })}
                    confirmLabel={ct('history.restoreYes')}
                    disabled={busy}
                    testId="history-restore"
                    onConfirm={() => void apply((id) => historyApi.restore(id, e.id))}
                  >
                    {ct('history.restore')}
                    <span className="iw-visually-hidden">
                      : {ct('history.restoreLabel', { time: at })}
                    </span>
                  </ConfirmButton>
                  {sender && sender.kind !== 'system' && sender.id ? (
                    <ConfirmButton
                      question={ct('history.undoConfirm', { who: person, time: at })}
                      confirmLabel={ct('history.undoYes')}
                      disabled={busy}
                      testId="history-undo"
                      onConfirm={() => void apply((id) => historyApi.undo(id, e.id, sender))}
                    >
                      {ct('history.undo')}
                      <span className="iw-visually-hidden">
                        : {ct('history.undoLabel', { who: person, time: at })}
                      </span>
                    </ConfirmButton>
                  ) : null}
                </div>
              </li>
            )
          })}
        </ol>
      )}
      <div className="iw-row iw-dialog-actions">
        <button type="button" className="iw-button" data-testid="history-close" onClick={onClose}>
          {ct('history.close')}
        </button>
      </div>
    </ModalDialog>
  )
}

/** Entries that changed no idea, cluster or card (the whiteboard's own records) are not listed. */
const changedSomething = (e: HistoryEntry): boolean => e.ideasChanged > 0 || e.clustersChanged > 0
