/** "+N": how many people support an idea (issue 19 §3, from the control state); nothing at 0. */
import { useT } from '../../i18n/LangProvider.tsx'

export function SupportCount({ count }: { count: number | undefined }) {
  const v = useT('views')
  if (!count) return null
  const label = v('similar.countLabel', { count })
  return (
    <span className="iw-support-count" data-testid="support-count" title={label}>
      <span aria-hidden="true">{v('similar.count', { count })}</span>
      <span className="iw-visually-hidden">{label}</span>
    </span>
  )
}
