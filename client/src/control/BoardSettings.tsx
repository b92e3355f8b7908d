/**
 * Facilitator panel: lock the board, private collection and "Ideen aufdecken", pre-moderation
 * with the queue of waiting ideas (approve or hide each), anonymous ideas.
 */
import type { ControlState } from '@ideenwand/protocol'
import { useId } from 'react'
import { type ControlSettings, controlApi } from '../api/control.ts'
import { useT } from '../i18n/LangProvider.tsx'
import { useControlT } from '../i18n/useControlT.ts'
import { sourceLabel } from '../views/shared/source.tsx'
import { useControlAction } from './useControlAction.ts'
import './heldIdeas.css'

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
    <div className="iw-control-check">
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

export function BoardSettings({ control }: { control: ControlState }) {
  const ct = useControlT()
  const { busy, act } = useControlAction()
  const set = (patch: ControlSettings) => void act((id) => controlApi.settings(id, patch))
  // Waiting ideas are not on the board: the server sends them to facilitators only (heldIdeas).
  const pending = control.heldIdeas.filter((h) => h.reasons.includes('pending'))
  const v = useT('views')
  const hidden = control.heldIdeas.filter((h) => h.reasons.includes('hidden'))
  const privateCount = control.heldIdeas.filter((h) => h.reasons.includes('private')).length

  /** A switch that sets the control state's flag of the same name. */
  const flag = (
    key: 'locked' | 'premoderation' | 'collaborativeClustering' | 'anonymousIdeas',
    label: string,
    testId: string,
    hint?: string,
  ) => (
    <Toggle
      checked={control[key]}
      label={label}
      hint={hint}
      testId={testId}
      disabled={busy}
      onChange={(on) => set({ [key]: on })}
    />
  )

  return (
    <section className="iw-panel-section" aria-labelledby="iw-fp-board">
      <h3 id="iw-fp-board">{ct('panel.boardHeading')}</h3>
      {flag('locked', ct('panel.lock'), 'setting-locked', ct('panel.lockHint'))}
      <Toggle
        checked={control.privateCollection}
        label={ct('panel.privateCollection')}
        testId="setting-private"
        disabled={busy}
        onChange={(privateCollection) =>
          set(
            privateCollection ? { privateCollection, ideasRevealed: false } : { privateCollection },
          )
        }
      />
      {control.privateCollection && !control.ideasRevealed ? (
        <p className="iw-hint" data-testid="private-count">
          {ct('panel.privateWaiting', { count: privateCount })}
        </p>
      ) : null}
      {control.privateCollection ? (
        <button
          type="button"
          className="iw-button iw-button-small"
          aria-pressed={control.ideasRevealed}
          data-testid="reveal-ideas"
          disabled={busy}
          onClick={() => set({ ideasRevealed: !control.ideasRevealed })}
        >
          {control.ideasRevealed ? `✓ ${ct('panel.revealed')}` : ct('panel.reveal')}
        </button>
      ) : null}
      {flag('premoderation', ct('panel.premoderation'), 'setting-premoderation')}
      {control.premoderation || pending.length > 0 ? (
        <div className="iw-pending" data-testid="pending-queue">
          <p className="iw-hint">
            {pending.length
              ? ct('panel.pendingQueue', { count: pending.length })
              : ct('panel.noPending')}
          </p>
          <ul>
            {pending.map(({ id, text, source, table }) => (
              <li key={id} data-testid="pending-idea">
                <span className="iw-pending-text">{text || ct('results.untitled')}</span>
                {source ? (
                  <span className="iw-hint" data-testid="pending-source">
                    {' '}
                    ({sourceLabel(v, { source, table: table ?? null })})
                  </span>
                ) : null}
                <button
                  type="button"
                  className="iw-button iw-button-small"
                  aria-label={ct('panel.approve', { text })}
                  data-testid="approve-idea"
                  disabled={busy}
                  onClick={() => void act((w) => controlApi.approveIdea(w, id))}
                >
                  {ct('panel.approveShort')}
                </button>
                <button
                  type="button"
                  className="iw-button iw-button-small"
                  aria-label={ct('panel.hide', { text })}
                  data-testid="hide-pending-idea"
                  disabled={busy}
                  onClick={() =>
                    void act(async (w) => {
                      await controlApi.hideIdea(w, id, true)
                      await controlApi.approveIdea(w, id)
                    })
                  }
                >
                  {ct('panel.hideShort')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {hidden.length > 0 ? (
        <div className="iw-pending" data-testid="hidden-queue">
          <p className="iw-hint">{ct('panel.hiddenList', { count: hidden.length })}</p>
          <ul>
            {hidden.map(({ id, text }) => (
              <li key={id} data-testid="hidden-idea">
                <span className="iw-pending-text">{text || ct('results.untitled')}</span>
                <button
                  type="button"
                  className="iw-button iw-button-small"
                  aria-label={ct('panel.unhide', { text })}
                  data-testid="unhide-idea"
                  disabled={busy}
                  onClick={() => void act((w) => controlApi.hideIdea(w, id, false))}
                >
                  {ct('panel.unhideShort')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {flag(
        'collaborativeClustering',
        ct('panel.collaborativeClustering'),
        'setting-collaborative-clustering',
        ct('panel.collaborativeClusteringHint'),
      )}
      {flag(
        'anonymousIdeas',
        ct('panel.anonymous'),
        'setting-anonymous',
        ct('panel.anonymousHint'),
      )}
      {control.anonymousIdeas ? (
        <Toggle
          checked={!control.storeAuthors}
          label={ct('panel.noAuthors')}
          hint={ct('panel.noAuthorsHint')}
          testId="setting-no-authors"
          disabled={busy}
          onChange={(noAuthors) => set({ storeAuthors: !noAuthors })}
        />
      ) : null}
    </section>
  )
}
