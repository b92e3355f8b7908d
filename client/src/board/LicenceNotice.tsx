/**
 * Shown instead of the canvas where tldraw would hide it for want of a valid licence key (see
 * `tldrawLicence.ts`): what happened, what the operator has to do, and the views of this board
 * that work fully without the canvas.
 */
import { useT } from '../i18n/LangProvider.tsx'
import { useControlT } from '../i18n/useControlT.ts'
import { listPath, phonePath, projectorPath } from '../router.ts'
import { Link } from '../ui/Link.tsx'

export function LicenceNotice({
  boardId,
  reason,
}: {
  boardId: string
  /** `missing`: built without a key; `rejected`: tldraw refused the key (host, expiry). */
  reason: 'missing' | 'rejected'
}) {
  // The strings live in the board chunk's `control` namespace: the phone bundle never needs them.
  const ct = useControlT()
  const v = useT('views')
  return (
    <section
      className="iw-licence-notice"
      aria-labelledby="iw-licence-title"
      data-testid="licence-notice"
      data-reason={reason}
    >
      <h2 id="iw-licence-title">{ct('licence.title')}</h2>
      <p>{reason === 'missing' ? ct('licence.missing') : ct('licence.rejected')}</p>
      <p>{ct('licence.otherViews')}</p>
      <ul className="iw-licence-links">
        <li>
          <Link href={listPath(boardId)} data-testid="licence-link-list">
            {v('links.list')}
          </Link>
        </li>
        <li>
          <Link href={projectorPath(boardId)} data-testid="licence-link-projector">
            {v('links.projector')}
          </Link>
        </li>
        <li>
          <Link href={phonePath(boardId)} data-testid="licence-link-phone">
            {v('links.phone')}
          </Link>
        </li>
      </ul>
      <p className="iw-licence-operator">
        {ct('licence.operator')} <code>VITE_TLDRAW_LICENSE_KEY</code> {ct('licence.operatorDocs')}
      </p>
    </section>
  )
}
