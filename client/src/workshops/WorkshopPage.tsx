/**
 * `/workshops/:id`: everything a facilitator needs on the day — open the board, the two invites
 * (code, link, QR, rotate, disable), the handout, the participants (admit, remove, role), the
 * export, what became of the ideas and the public results page, the facilitators, data
 * retention, the workshop's details, archive and delete.
 */
import { useCallback, useEffect, useState } from 'react'
import { api, type WorkshopDetail } from '../api/endpoints.ts'
import { useLang, useT } from '../i18n/LangProvider.tsx'
import { RequireFacilitator } from '../pages/RequireFacilitator.tsx'
import { boardPath, handoutPath, navigate } from '../router.ts'
import { ConfirmButton } from '../ui/ConfirmButton.tsx'
import { errorMessage } from '../ui/errors.ts'
import { FormMessage } from '../ui/Field.tsx'
import { formatDay } from '../ui/format.ts'
import { useAction } from '../ui/forms.ts'
import { Link } from '../ui/Link.tsx'
import { Page } from '../ui/Page.tsx'
import { CarryPanel } from './CarryPanel.tsx'
import { FacilitatorsPanel } from './FacilitatorsPanel.tsx'
import { IdeaStatusPanel } from './IdeaStatusPanel.tsx'
import { InviteCard } from './InviteCard.tsx'
import { LocalLinkWarning } from './LocalLinkWarning.tsx'
import { OutcomePanel } from './OutcomePanel.tsx'
import { ParticipantsPanel } from './ParticipantsPanel.tsx'
import { RetentionPanel } from './RetentionPanel.tsx'
import { WorkshopForm } from './WorkshopForm.tsx'

function WorkshopView({
  workshop,
  setWorkshop,
  reload,
}: {
  workshop: WorkshopDetail
  setWorkshop: (w: WorkshopDetail) => void
  reload: () => void
}) {
  const { lang } = useLang()
  const t = useT()
  const action = useAction()
  return (
    <>
      <p className="iw-muted">
        {[workshop.date ? formatDay(workshop.date, lang) : null, workshop.place]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {workshop.archived ? (
        <p className="iw-warning" role="status">
          {t('workshop.archivedNote')}
        </p>
      ) : null}
      <div className="iw-row iw-row-wrap">
        <Link
          className="iw-button iw-button-primary iw-button-large"
          href={boardPath(workshop.boardId)}
          data-testid="open-board"
        >
          {t('workshop.openBoard')}
        </Link>
        <Link
          className="iw-button iw-button-large"
          href={handoutPath(workshop.id)}
          data-testid="handout-link"
        >
          {t('workshop.handout')}
        </Link>
      </div>

      <section aria-labelledby="iw-invites-heading">
        <h2 id="iw-invites-heading">{t('invites.heading')}</h2>
        <LocalLinkWarning url={workshop.invites[0]?.joinUrl ?? ''} />
        <div className="iw-grid-2">
          <InviteCard workshop={workshop} inviteRole="participant" onChange={setWorkshop} />
          <InviteCard workshop={workshop} inviteRole="viewer" onChange={setWorkshop} />
        </div>
      </section>

      <ParticipantsPanel workshopId={workshop.id} />

      <OutcomePanel workshopId={workshop.id} language={workshop.language} />

      <IdeaStatusPanel workshopId={workshop.id} />
      <CarryPanel workshopId={workshop.id} />

      <RetentionPanel
        key={workshop.id}
        workshop={workshop}
        onChange={(retention) => setWorkshop({ ...workshop, retention })}
      />

      <FacilitatorsPanel workshop={workshop} onChanged={reload} />

      <section aria-labelledby="iw-details-heading" className="iw-card">
        <h2 id="iw-details-heading">{t('workshop.detailsHeading')}</h2>
        <WorkshopForm
          key={workshop.id}
          initial={workshop}
          submitLabel={t('common.save')}
          testId="edit-workshop-form"
          onSubmit={async (fields) => setWorkshop(await api.updateWorkshop(workshop.id, fields))}
        />
      </section>

      <section aria-labelledby="iw-archive-heading">
        <h2 id="iw-archive-heading">{t('workshop.archiveHeading')}</h2>
        <div className="iw-row iw-row-wrap">
          <button
            type="button"
            className="iw-button"
            disabled={action.busy}
            data-testid="archive-toggle"
            onClick={() =>
              void action.run(async () =>
                setWorkshop(await api.setArchived(workshop.id, !workshop.archived)),
              )
            }
          >
            {workshop.archived ? t('workshop.unarchive') : t('workshop.archive')}
          </button>
          {workshop.role === 'owner' ? (
            <ConfirmButton
              danger
              question={t('workshop.deleteConfirm', { title: workshop.title })}
              confirmLabel={t('workshop.deleteConfirmButton')}
              testId="delete-workshop"
              onConfirm={() =>
                void action.run(async () => {
                  await api.deleteWorkshop(workshop.id)
                  navigate('/workshops', { replace: true })
                })
              }
            >
              {t('workshop.delete')}
            </ConfirmButton>
          ) : null}
        </div>
        {action.error ? <FormMessage kind="error">{action.error}</FormMessage> : null}
      </section>
    </>
  )
}

function WorkshopLoader({ id, onTitle }: { id: string; onTitle: (title: string) => void }) {
  const t = useT()
  const [workshop, setWorkshop] = useState<WorkshopDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = useCallback(() => {
    api.workshop(id).then(
      (w) => {
        setWorkshop(w)
        onTitle(w.title)
      },
      (caught: unknown) => setError(errorMessage(t, caught)),
    )
  }, [id, t, onTitle])
  useEffect(load, [load])
  const set = useCallback(
    (w: WorkshopDetail) => {
      setWorkshop(w)
      onTitle(w.title)
    },
    [onTitle],
  )
  if (error) return <FormMessage kind="error">{error}</FormMessage>
  if (!workshop) return <p aria-busy="true">{t('loading')}</p>
  return <WorkshopView workshop={workshop} setWorkshop={set} reload={load} />
}

export function WorkshopPage({ id }: { id: string }) {
  const t = useT()
  const [title, setTitle] = useState<string | null>(null)
  return (
    <Page title={title ?? t('workshops.title')} wide>
      <p>
        <Link href="/workshops">← {t('workshop.back')}</Link>
      </p>
      <RequireFacilitator>
        <WorkshopLoader id={id} onTitle={setTitle} />
      </RequireFacilitator>
    </Page>
  )
}
