/**
 * Guests of a workshop, refreshed every 2 s: admit from the lobby, remove, switch between
 * participant and viewer. The server applies each change to live connections at once.
 */
import { useState } from 'react'
import { api, type Guest, type GuestRole } from '../api/endpoints.ts'
import { useLang, useT } from '../i18n/LangProvider.tsx'
import { errorMessage } from '../ui/errors.ts'
import { FormMessage } from '../ui/Field.tsx'
import { formatTime } from '../ui/format.ts'
import { usePolling } from '../ui/usePolling.ts'

const POLL_MS = 2000
const ORDER = { waiting: 0, admitted: 1, removed: 2 } as const

export function ParticipantsPanel({ workshopId }: { workshopId: string }) {
  const { lang } = useLang()
  const t = useT()
  const [guests, setGuests] = useState<Guest[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = async () => {
    try {
      setGuests(await api.participants(workshopId))
      setError(null)
    } catch (caught) {
      setError(errorMessage(t, caught))
    }
  }
  usePolling(load, POLL_MS, [workshopId])

  const update = async (guest: Guest, patch: { role?: GuestRole; status?: Guest['status'] }) => {
    try {
      const next = await api.updateParticipant(workshopId, guest.id, patch)
      setGuests((list) => list?.map((g) => (g.id === next.id ? next : g)) ?? null)
      setError(null)
    } catch (caught) {
      setError(errorMessage(t, caught))
    }
  }

  const sorted = guests ? [...guests].sort((a, b) => ORDER[a.status] - ORDER[b.status]) : null
  const active = guests?.filter((g) => g.status !== 'removed').length ?? 0

  return (
    <section aria-labelledby="iw-participants-heading" data-testid="participants">
      <h2 id="iw-participants-heading">
        {t('participants.heading')}{' '}
        {guests ? (
          <span className="iw-muted">({t('participants.count', { count: active })})</span>
        ) : null}
      </h2>
      {error ? <FormMessage kind="error">{error}</FormMessage> : null}
      {sorted === null ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : sorted.length === 0 ? (
        <p>{t('participants.empty')}</p>
      ) : (
        <table className="iw-table">
          <thead>
            <tr>
              <th scope="col">{t('participants.name')}</th>
              <th scope="col">{t('participants.status')}</th>
              <th scope="col">{t('participants.role')}</th>
              <th scope="col">{t('participants.joinedAt')}</th>
              <th scope="col">{t('participants.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((guest) => {
              // A table's shared device (issue 19 §2) has no name, only its table.
              const name = guest.table
                ? t('participants.table', { label: guest.table.label, count: guest.table.people })
                : (guest.name ?? t('anonymous'))
              const removed = guest.status === 'removed'
              return (
                <tr
                  key={guest.id}
                  data-testid="participant-row"
                  data-status={guest.status}
                  className={removed ? 'iw-row-removed' : undefined}
                >
                  <th scope="row" className={guest.name || guest.table ? undefined : 'iw-muted'}>
                    {name}
                  </th>
                  <td>
                    <span className={`iw-badge iw-badge-${guest.status}`}>
                      {t(`participants.statusName.${guest.status}`)}
                    </span>
                  </td>
                  <td>
                    <select
                      aria-label={t('participants.roleFor', { name })}
                      value={guest.role}
                      disabled={removed}
                      data-testid="participant-role"
                      onChange={(event) => {
                        const role = event.target.value === 'viewer' ? 'viewer' : 'participant'
                        void update(guest, { role })
                      }}
                    >
                      <option value="participant">{t('invites.role.participant')}</option>
                      <option value="viewer">{t('invites.role.viewer')}</option>
                    </select>
                  </td>
                  <td>
                    <time dateTime={guest.joinedAt}>{formatTime(guest.joinedAt, lang)}</time>
                  </td>
                  <td className="iw-actions">
                    {guest.status === 'waiting' ? (
                      <button
                        type="button"
                        className="iw-button iw-button-primary iw-button-small"
                        data-testid="admit-participant"
                        aria-label={`${t('participants.admit')}: ${name}`}
                        onClick={() => void update(guest, { status: 'admitted' })}
                      >
                        {t('participants.admit')}
                      </button>
                    ) : null}
                    {removed ? null : (
                      <button
                        type="button"
                        className="iw-button iw-button-danger iw-button-small"
                        data-testid="remove-participant"
                        aria-label={`${t('participants.remove')}: ${name}`}
                        onClick={() => void update(guest, { status: 'removed' })}
                      >
                        {t('participants.remove')}
                      </button>
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}
