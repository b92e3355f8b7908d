/**
 * Facilitator panel: the workshop's public results page (issue 20 §3) — once published, its
 * address to open and to copy; until then a note and the way to the workshop page, where the
 * ideas get their status and the page is published.
 */
import { ResultsPageInfo } from '@ideenwand/protocol'
import { useEffect, useState } from 'react'
import { apiJson } from '../api/http.ts'
import { useOutcomeT } from '../i18n/useOutcomeT.ts'
import { workshopPath } from '../router.ts'
import { CopyField } from '../ui/CopyField.tsx'
import { Link } from '../ui/Link.tsx'

export function ResultsPageLink({ workshopId }: { workshopId: string }) {
  const ot = useOutcomeT()
  const [info, setInfo] = useState<ResultsPageInfo | null>(null)
  useEffect(() => {
    apiJson(
      'GET',
      `/workshops/${encodeURIComponent(workshopId)}/results-page`,
      ResultsPageInfo,
    ).then(setInfo, () => setInfo(null))
  }, [workshopId])
  return (
    <section
      className="iw-panel-section"
      aria-labelledby="iw-fp-results-page"
      data-testid="results-page-link"
    >
      <h3 id="iw-fp-results-page">{ot('ideaStatus.panelHeading')}</h3>
      {info?.published ? (
        <>
          <p>
            <a href={info.url} target="_blank" rel="noopener" data-testid="results-page-open">
              {ot('ideaStatus.openPage')}
            </a>
          </p>
          <CopyField label={ot('ideaStatus.pageUrl')} value={info.url} />
        </>
      ) : (
        <p className="iw-hint">{ot('ideaStatus.panelNotPublished')}</p>
      )}
      <p>
        <Link href={workshopPath(workshopId)}>{ot('ideaStatus.manage')}</Link>
      </p>
    </section>
  )
}
