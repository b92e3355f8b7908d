/**
 * Facilitator panel: lock the board, private collection and "Ideen aufdecken", pre-moderation
 * with the queue of waiting ideas (approve or hide each), anonymous ideas.
 */
import type { ControlState } from '@ideenwand/protocol'
import { useId, useSyncExternalStore } from 'react'
import { type FlowSettings, flowApi } from '../api/flow.ts'
import { useFlowT } from '../i18n/useFlowT.ts'
import { useFlow } from './FlowContext.tsx'
import { useFlowAction } from './useFlowAction.ts'

function Toggle({
  checked,
  label,
  hint,
  testId,
  disabled,
  onChange,
}: {
  checked: boolean
  label: string
  hint?: string
  testId: string
  disabled: boolean
  onChange: (checked: boolean) => void
}) {
  const hintId = useId()
  return (
    <div className="iw-flow-check">
      <label>
        <input
          type="checkbox"
          checked={checked}
          disabled={disabled}
          data-testid={testId}
          aria-describedby={hint ? hintId : undefined}
          onChange={(event) => onChange(event.target.checked)}
        />{' '}
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="iw-hint">
          {hint}
        </p>
      ) : null}
    </div>
  )
}

const noop = () => () => {}

/** Idea texts for the queue, re-read when the board changes. */
function usePendingTexts(ids: string[]): { id: string; text: string }[] {
  const board = useFlow()?.board ?? null
  const key = useSyncExternalStore(board ? board.observe.bind(board) : noop, () =>
    JSON.stringify(ids.map((id) => [id, board?.idea(id)?.text ?? ''])),
  )
  return (JSON.parse(key) as [string, string][]).map(([id, text]) => ({ id, text }))
}

export function BoardSettings({ control }: { control: ControlState }) {
  const ft = useFlowT()
  const { busy, act } = useFlowAction()
  const set = (patch: FlowSettings) => void act((id) => flowApi.settings(id, patch))
  const pending = usePendingTexts(control.pendingIdeaIds)

  return (
    <section className="iw-panel-section" aria-labelledby="iw-fp-board">
      <h3 id="iw-fp-board">{ft('panel.boardHeading')}</h3>
      <Toggle
        checked={control.locked}
        label={ft('panel.lock')}
        hint={ft('panel.lockHint')}
        testId="setting-locked"
        disabled={busy}
        onChange={(locked) => set({ locked })}
      />
      <Toggle
        checked={control.privateCollection}
        label={ft('panel.privateCollection')}
        testId="setting-private"
        disabled={busy}
        onChange={(privateCollection) =>
          set(
            privateCollection ? { privateCollection, ideasRevealed: false } : { privateCollection },
          )
        }
      />
      {control.privateCollection ? (
        <button
          type="button"
          className="iw-button iw-button-small"
          aria-pressed={control.ideasRevealed}
          data-testid="reveal-ideas"
          disabled={busy}
          onClick={() => set({ ideasRevealed: !control.ideasRevealed })}
        >
          {control.ideasRevealed ? `✓ ${ft('panel.revealed')}` : ft('panel.reveal')}
        </button>
      ) : null}
      <Toggle
        checked={control.premoderation}
        label={ft('panel.premoderation')}
        testId="setting-premoderation"
        disabled={busy}
        onChange={(premoderation) => set({ premoderation })}
      />
      {control.premoderation || pending.length > 0 ? (
        <div className="iw-pending" data-testid="pending-queue">
          <p className="iw-hint">
            {pending.length
              ? ft('panel.pendingQueue', { count: pending.length })
              : ft('panel.noPending')}
          </p>
          <ul>
            {pending.map(({ id, text }) => (
              <li key={id} data-testid="pending-idea">
                <span className="iw-pending-text">{text || ft('results.untitled')}</span>
                <button
                  type="button"
                  className="iw-button iw-button-small"
                  aria-label={ft('panel.approve', { text })}
                  data-testid="approve-idea"
                  disabled={busy}
                  onClick={() => void act((w) => flowApi.approveIdea(w, id))}
                >
                  {ft('panel.approveShort')}
                </button>
                <button
                  type="button"
                  className="iw-button iw-button-small"
                  aria-label={ft('panel.hide', { text })}
                  data-testid="hide-pending-idea"
                  disabled={busy}
                  onClick={() =>
                    void act(async (w) => {
                      await flowApi.hideIdea(w, id, true)
                      await flowApi.approveIdea(w, id)
                    })
                  }
                >
                  {ft('panel.hideShort')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Toggle
        checked={control.anonymousIdeas}
        label={ft('panel.anonymous')}
        hint={ft('panel.anonymousHint')}
        testId="setting-anonymous"
        disabled={busy}
        onChange={(anonymousIdeas) => set({ anonymousIdeas })}
      />
      {control.anonymousIdeas ? (
        <Toggle
          checked={!control.storeAuthors}
          label={ft('panel.noAuthors')}
          hint={ft('panel.noAuthorsHint')}
          testId="setting-no-authors"
          disabled={busy}
          onChange={(noAuthors) => set({ storeAuthors: !noAuthors })}
        />
      ) : null}
    </section>
  )
}
