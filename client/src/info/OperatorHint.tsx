/**
 * Tells facilitators (never guests) that the privacy notice and accessibility statement still
 * show placeholders — who is responsible, whom to write to — and how to set them: the build-time
 * variables in `operator.ts` (README, configuration table), then build the client again.
 */
import { useSession } from '../api/session.ts'
import { useT } from '../i18n/LangProvider.tsx'
import { placeholders } from './operator.ts'

export function OperatorHint() {
  const t = useT()
  const session = useSession()
  const facilitator = session.status === 'ready' && session.me?.kind === 'facilitator'
  if (!facilitator || placeholders.length === 0) return null
  return (
    <div className="iw-warning" role="note" data-testid="operator-hint">
      <p>
        <strong>{t('operatorHint.title')}</strong> {t('operatorHint.body')}
      </p>
      <p>
        {t('operatorHint.fix')} <code>{placeholders.join(', ')}</code>
      </p>
    </div>
  )
}
