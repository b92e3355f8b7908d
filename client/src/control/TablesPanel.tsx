/**
 * Facilitator panel: table devices (issue 19 §2). A facilitator marks a laptop or tablet at a
 * table as "Tisch 3, 5 Personen": the server answers a one-time link with its QR code, shown here
 * once, to open on that device. Each table can be renamed, re-counted (its device reconnects with
 * the new values), given a new link (the old device is signed out) or ended (its ideas and dots
 * stay). The list refreshes every few seconds, so "link open" turns into "in use".
 */

import { MAX_TABLE_LABEL, MAX_TABLE_PEOPLE } from '@ideenwand/protocol'
import { type FormEvent, useCallback, useEffect, useId, useState } from 'react'
import { ApiError } from '../api/http.ts'
import { type TableDeviceInfo, type TableDeviceLink, tablesApi } from '../api/tables.ts'
import { useControlT } from '../i18n/useControlT.ts'
import { ConfirmButton } from '../ui/ConfirmButton.tsx'
import { CopyField } from '../ui/CopyField.tsx'
import { FormMessage } from '../ui/Field.tsx'
import { NumberField } from '../ui/NumberField.tsx'
import { wholeNumber } from '../ui/wholeNumber.ts'

const REFRESH_MS = 5000

/** A whole number of people 1–30, or null. */
const peopleOf = (raw: string): number | null => wholeNumber(raw, 1, MAX_TABLE_PEOPLE)

function TableFields({
  label,
  people,
  onLabel,
  onPeople,
  idPrefix,
}: {
  label: string
  people: string
  onLabel: (value: string) => void
  onPeople: (value: string) => void
  idPrefix: string
}) {
  const ct = useControlT()
  return (
    <div className="iw-row iw-row-wrap iw-row-end">
      <div className="iw-field">
        <label htmlFor={`${idPrefix}-label`}>{ct('tables.label')}</label>
        <input
          id={`${idPrefix}-label`}
          value={label}
          maxLength={MAX_TABLE_LABEL}
          required
          onChange={(event) => onLabel(event.target.value)}
          data-testid="table-label"
        />
      </div>
      <NumberField
        id={`${idPrefix}-people`}
        label={ct('tables.people')}
        min={1}
        max={MAX_TABLE_PEOPLE}
        value={people}
        onValue={onPeople}
        required
        testId="table-people"
      />
    </div>
  )
}

function TableItem({
  device,
  workshopId,
  onChanged,
  onLink,
  onError,
}: {
  device: TableDeviceInfo
  workshopId: string
  onChanged: () => void
  onLink: (link: TableDeviceLink) => void
  onError: (message: string) => void
}) {
  const ct = useControlT()
  const id = useId()
  const [editing, setEditing] = useState(false)
  const [label, setLabel] = useState(device.label)
  const [people, setPeople] = useState(String(device.people))
  const ended = device.status === 'ended'
  const run = (work: () => Promise<unknown>) =>
    work().then(onChanged, () => onError(ct('tables.failed')))

  const save = (event: FormEvent) => {
    event.preventDefault()
    const n = peopleOf(people)
    if (!label.trim() || n === null) return onError(ct('tables.invalid'))
    void run(async () => {
      await tablesApi.update(workshopId, device.id, { label: label.trim(), people: n })
      setEditing(false)
    })
  }

  const state = ended ? 'ended' : device.linkOpen ? 'linkOpen' : 'inUse'
  return (
    <li data-testid="table-item">
      <strong>{ct('tables.summary', { label: device.label, count: device.people })}</strong>{' '}
      <span className="iw-hint">({ct(`tables.state.${state}`)})</span>
      {ended ? null : editing ? (
        <form onSubmit={save} className="iw-table-edit">
          <TableFields
            label={label}
            people={people}
            onLabel={setLabel}
            onPeople={setPeople}
            idPrefix={id}
          />
          <div className="iw-row iw-row-wrap">
            <button type="submit" className="iw-button iw-button-small iw-button-primary">
              {ct('tables.save')}
            </button>
            <button
              type="button"
              className="iw-button iw-button-small"
              onClick={() => setEditing(false)}
            >
              {ct('tables.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="iw-row iw-row-wrap">
          <button
            type="button"
            className="iw-button iw-button-small"
            aria-label={ct('tables.editLabel', { label: device.label })}
            onClick={() => setEditing(true)}
          >
            {ct('tables.edit')}
          </button>
          <button
            type="button"
            className="iw-button iw-button-small"
            aria-label={ct('tables.newLinkLabel', { label: device.label })}
            onClick={() =>
              void run(async () => onLink(await tablesApi.newLink(workshopId, device.id)))
            }
          >
            {ct('tables.newLink')}
          </button>
          <ConfirmButton
            question={ct('tables.endQuestion', { label: device.label })}
            confirmLabel={ct('tables.endConfirm')}
            onConfirm={() => void run(() => tablesApi.end(workshopId, device.id))}
            danger
          >
            {ct('tables.end')}
          </ConfirmButton>
        </div>
      )}
    </li>
  )
}

export function TablesPanel({ workshopId }: { workshopId: string }) {
  const ct = useControlT()
  const id = useId()
  const [devices, setDevices] = useState<TableDeviceInfo[] | null>(null)
  const [label, setLabel] = useState('')
  const [people, setPeople] = useState('4')
  const [link, setLink] = useState<TableDeviceLink | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    try {
      setDevices(await tablesApi.list(workshopId))
    } catch {
      setError(ct('tables.failed'))
    }
  }, [workshopId, ct])

  useEffect(() => {
    let stopped = false
    let timer = 0
    const tick = async () => {
      await load()
      if (!stopped) timer = window.setTimeout(tick, REFRESH_MS)
    }
    void tick()
    return () => {
      stopped = true
      window.clearTimeout(timer)
    }
  }, [load])

  const active = devices?.filter((d) => d.status === 'active') ?? []
  const suggested = ct('tables.defaultLabel', { n: (devices?.length ?? 0) + 1 })

  const create = async (event: FormEvent) => {
    event.preventDefault()
    const n = peopleOf(people)
    const name = (label.trim() || suggested).slice(0, MAX_TABLE_LABEL)
    if (n === null) return setError(ct('tables.invalid'))
    setBusy(true)
    setError(null)
    try {
      setLink(await tablesApi.create(workshopId, { label: name, people: n }))
      setLabel('')
      await load()
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.code === 'too_many_tables'
          ? ct('tables.tooMany')
          : ct('tables.failed'),
      )
    }
    setBusy(false)
  }

  return (
    <section className="iw-panel-section" aria-labelledby={`${id}-h`} data-testid="tables-panel">
      <h3 id={`${id}-h`}>{ct('tables.heading')}</h3>
      <p className="iw-hint">{ct('tables.hint')}</p>
      <form onSubmit={(event) => void create(event)} data-testid="table-create">
        <TableFields
          label={label}
          people={people}
          onLabel={setLabel}
          onPeople={setPeople}
          idPrefix={id}
        />
        <p className="iw-hint">{ct('tables.labelHint', { label: suggested })}</p>
        <button type="submit" className="iw-button iw-button-small" disabled={busy}>
          {ct('tables.create')}
        </button>
      </form>
      {error ? <FormMessage kind="error">{error}</FormMessage> : null}
      {link ? (
        <section className="iw-table-link" aria-labelledby={`${id}-link`}>
          <p id={`${id}-link`} role="status">
            {ct('tables.linkFor', { label: link.device.label })}
          </p>
          <CopyField label={ct('tables.linkLabel')} value={link.url} testId="table-link" />
          <img
            className="iw-table-qr"
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(link.qrSvg)}`}
            alt={ct('tables.qrAlt', { label: link.device.label })}
            width={160}
            height={160}
          />
          <button type="button" className="iw-button iw-button-small" onClick={() => setLink(null)}>
            {ct('tables.linkDone')}
          </button>
        </section>
      ) : null}
      {devices && devices.length > 0 ? (
        <ul className="iw-table-list" data-testid="table-list">
          {[...active, ...devices.filter((d) => d.status === 'ended')].map((device) => (
            <TableItem
              key={`${device.id}-${device.label}-${device.people}`}
              device={device}
              workshopId={workshopId}
              onChanged={() => void load()}
              onLink={setLink}
              onError={setError}
            />
          ))}
        </ul>
      ) : null}
    </section>
  )
}
