import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Campaign, Draft } from '@city-spirit/shared';
import { stageAllows } from '../../api/campaigns.ts';
import { shortlistQuery } from '../../api/shortlist.ts';
import { useLocaleFormat } from '../../i18n/format.ts';
import { textLang } from '../../ui/entryText.ts';
import { noticeState } from '../../ui/notices.ts';
import { ErrorView, LoadingView } from '../../ui/StateViews.tsx';
import { useStagesAllowing } from './panelText.ts';
import { useCreateDraft } from './api/createDraft.ts';
import { useDrafts } from './api/listDrafts.ts';
import { Disclosure } from './Disclosure.tsx';
import { DraftStatusBadge, EndorsementTally } from './DraftFacts.tsx';
import { DraftWordingForm } from './DraftWordingForm.tsx';
import { draftSearch } from './draftSearch.ts';

/** The panel's drafts in every status, and the composer of a new one while the stage allows drafting. */
export function DraftsView({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const drafts = useDrafts(campaign.slug);
  const stagesAllowing = useStagesAllowing();
  if (drafts.isError) return <ErrorView error={drafts.error} onRetry={() => void drafts.refetch()} retrying={drafts.isFetching} />;
  if (!drafts.data) return <LoadingView label={t('panel.drafts.loading')} />;
  const items = drafts.data.items;
  return (
    <div className="panel-drafts">
      {stageAllows(campaign, 'draft') ? (
        <NewDraft campaign={campaign} firstDraft={items.length === 0} />
      ) : (
        <p className="panel-drafts__closed">{t('panel.drafts.closed', { stages: stagesAllowing('draft') })}</p>
      )}
      <section aria-labelledby="panel-drafts-heading">
        <h2 id="panel-drafts-heading" className="panel-drafts__heading">
          {t('panel.drafts.heading')}
        </h2>
        {items.length === 0 ? (
          <p className="panel-page__empty">{t('panel.drafts.empty')}</p>
        ) : (
          <ol className="draft-list">
            {items.map((draft) => (
              <li key={draft.id}>
                <DraftCard campaign={campaign} draft={draft} />
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function NewDraft({ campaign, firstDraft }: { campaign: Campaign; firstDraft: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const shortlist = useQuery(shortlistQuery(campaign.slug));
  const create = useCreateDraft(campaign.slug);
  return (
    <section className="new-draft" aria-labelledby="new-draft-heading">
      <h2 id="new-draft-heading" className="new-draft__heading">
        {t('panel.newDraft.heading')}
      </h2>
      <p className="new-draft__intro">{t('panel.newDraft.intro')}</p>
      {shortlist.data ? (
        shortlist.data.items.length === 0 ? (
          <p className="panel-page__empty">{t('panel.newDraft.noShortlist')}</p>
        ) : (
          <Disclosure label={t('panel.newDraft.open')} openLabel={t('panel.newDraft.close')} defaultOpen={firstDraft}>
            {() => (
              <DraftWordingForm
                idPrefix="new-draft"
                initial={{ text: '', rationale: '', sourceSubmissionIds: [] }}
                shortlist={shortlist.data.items}
                labels={{
                  failedHeading: t('panel.newDraft.failedHeading'),
                  submit: t('panel.newDraft.submit'),
                  submitting: t('panel.newDraft.submitting'),
                  rationale: t('panel.newDraft.rationaleLabel'),
                  rationaleHint: t('panel.newDraft.rationaleHint'),
                }}
                send={async (version) => {
                  const { draft } = await create.mutateAsync(version);
                  // On to the new draft, where the panel endorses, revises and publishes it.
                  await navigate({ search: draftSearch(draft.id) }, { state: noticeState('draftCreated') });
                }}
                pending={create.isPending}
              />
            )}
          </Disclosure>
        )
      ) : shortlist.isError ? (
        <ErrorView error={shortlist.error} onRetry={() => void shortlist.refetch()} retrying={shortlist.isFetching} />
      ) : (
        <LoadingView label={t('panel.entries.loading')} />
      )}
    </section>
  );
}

function DraftCard({ campaign, draft }: { campaign: Campaign; draft: Draft }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const headingId = `draft-${draft.id}`;
  return (
    <article className="panel-draft-card" aria-labelledby={headingId}>
      <p className="panel-draft-card__meta">
        <DraftStatusBadge status={draft.status} />
        <span>{t('panel.drafts.version', { number: format.number(draft.version) })}</span>
        <span>{t('panel.drafts.by', { name: draft.author.displayName })}</span>
      </p>
      <h3 id={headingId} className="panel-draft-card__text" lang={textLang(draft.text)}>
        <Link to={{ search: draftSearch(draft.id) }}>{draft.text}</Link>
      </h3>
      <EndorsementTally draft={draft} quorum={campaign.settings.panelQuorum} />
      <p className="panel-draft-card__open">
        <Link to={{ search: draftSearch(draft.id) }} className="button button--secondary button--small" aria-describedby={headingId}>
          {t('panel.drafts.open')}
        </Link>
      </p>
    </article>
  );
}
