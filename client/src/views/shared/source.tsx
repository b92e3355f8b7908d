/**
 * Where an idea came from (issue 19 §2), as the views say it: a table's shared device or paper
 * typed in by a facilitator; and the note a table device shows about itself.
 */
import type { TFunction } from 'i18next'
import { useT } from '../../i18n/LangProvider.tsx'
import type { Idea } from './useIdeas.ts'

/** "Tischgerät: Tisch 3" or "Von Papier übertragen"; empty for an idea from its author's device. */
export function sourceLabel(v: TFunction<'views'>, idea: Pick<Idea, 'source' | 'table'>): string {
  if (idea.source === 'table') return v('source.table', { label: idea.table ?? '' })
  if (idea.source === 'paper') return v('source.paper')
  return ''
}

/** A table device says what it is and that its ideas and dots are the table's. */
export function TableDeviceNote({ table }: { table: { label: string; people: number } }) {
  const v = useT('views')
  return (
    <section
      className="iwv-table-device"
      aria-labelledby="iwv-table-device"
      data-testid="table-device"
    >
      <h2 id="iwv-table-device">
        {v('source.tableDevice', { label: table.label, count: table.people })}
      </h2>
      <p>{v('source.tableHint', { count: table.people })}</p>
    </section>
  )
}
