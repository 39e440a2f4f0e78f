import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { inDraftStatusSet, type Campaign, type Draft, type ShortlistItem } from '@city-spirit/shared';
import { stageAllows } from '../../api/campaigns.ts';
import { isApiError } from '../../api/client.ts';
import { shortlistQuery } from '../../api/shortlist.ts';
import { useLocaleFormat } from '../../i18n/format.ts';
import { textLang } from '../../ui/entryText.ts';
import { noticeFrom } from '../../ui/notices.ts';
import { ErrorView, LoadingView, NotFoundView } from '../../ui/StateViews.tsx';
import { useCreateDraftVersion } from './api/createDraftVersion.ts';
import { useDraft } from './api/getDraft.ts';
import { Disclosure } from './Disclosure.tsx';
import { DraftStatusBadge, SourceList } from './DraftFacts.tsx';
import { DraftWordingForm } from './DraftWordingForm.tsx';
import { Endorsements } from './Endorsements.tsx';
import { PanelNotes } from './PanelNotes.tsx';
import { useStagesAllowing } from './panelText.ts';
import { VersionHistory } from './VersionHistory.tsx';

/** One draft: its wording, the panel's endorsements and publishing, its versions and their differences, a new version, and the panel's notes. */
export function DraftWorkspace({ campaign, draftId }: { campaign: Campaign; draftId: string }) {
  const { t } = useTranslation();
  const query = useDraft(draftId);
  const shortlist = useQuery(shortlistQuery(campaign.slug));
  if (query.isError) {
    if (isApiError(query.error) && (query.error.status === 404 || query.error.status === 400)) {
      return <NotFoundView text={t('panel.draft.notFound')} />;
    }
    return <ErrorView error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  }
  if (!query.data) return <LoadingView label={t('panel.draft.loading')} />;
  const { draft, endorsementList } = query.data;
  const phrases = sourcePhrases(draft, shortlist.data?.items ?? []);
  return (
    <div className="draft-workspace">
      <p className="draft-workspace__back">
        <Link to={{ search: '?view=drafts' }}>{t('panel.draft.back')}</Link>
      </p>
      <DraftHeader draft={draft} phrases={phrases} />
      <div className="draft-workspace__layout">
        <div className="draft-workspace__main">
          <VersionHistory draft={draft} phrases={phrases} />
          <NewVersion campaign={campaign} draft={draft} shortlist={shortlist.data?.items} />
        </div>
        <div className="draft-workspace__side">
          <Endorsements campaign={campaign} draft={draft} endorsementList={endorsementList} />
          <div className="draft-workspace__notes">
            <PanelNotes campaign={campaign} target={{ type: 'draft', id: draft.id }} headingLevel={3} />
          </div>
        </div>
      </div>
    </div>
  );
}

/** The phrases of the entries a draft's versions name: the shortlist's, then those the draft itself carries. */
function sourcePhrases(draft: Draft, shortlist: ShortlistItem[]): Map<string, string> {
  const phrases = new Map(shortlist.map((item) => [item.submission.id, item.submission.phrase]));
  for (const source of draft.sources) phrases.set(source.id, source.phrase);
  return phrases;
}

function DraftHeader({ draft, phrases }: { draft: Draft; phrases: Map<string, string> }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const heading = useRef<HTMLHeadingElement>(null);
  const justCreated = noticeFrom(useLocation().state) === 'draftCreated';
  // Arriving from the composer (whose button is gone), the keyboard starts at the new draft.
  useEffect(() => {
    if (justCreated) heading.current?.focus();
  }, [justCreated]);
  return (
    <header className="draft-head">
      <p className="draft-head__meta">
        <DraftStatusBadge status={draft.status} />
        <span>{t('panel.drafts.version', { number: format.number(draft.version) })}</span>
        <span>{t('panel.drafts.by', { name: draft.author.displayName })}</span>
        {draft.publishedAt && <span>{t('panel.draft.publishedOn', { date: format.date(draft.publishedAt) })}</span>}
      </p>
      <h2 ref={heading} tabIndex={-1} className="draft-head__text" lang={textLang(draft.text)}>
        {draft.text}
      </h2>
      <div className="draft-head__why">
        <h3 className="panel-entry__label">{t('panel.draft.rationale')}</h3>
        <p className="draft-head__rationale" lang={textLang(draft.rationale)}>
          {draft.rationale}
        </p>
        <h3 className="panel-entry__label">{t('panel.draft.sources')}</h3>
        <SourceList ids={draft.sourceSubmissionIds} phrases={phrases} />
      </div>
    </header>
  );
}

function NewVersion({ campaign, draft, shortlist }: { campaign: Campaign; draft: Draft; shortlist: ShortlistItem[] | undefined }) {
  const { t } = useTranslation();
  const create = useCreateDraftVersion(campaign.slug, draft.id);
  const [sent, setSent] = useState(0);
  const stagesAllowing = useStagesAllowing();
  if (!inDraftStatusSet('inPanelReview', draft.status)) return null;
  if (!stageAllows(campaign, 'draft')) return <p className="panel-drafts__closed">{t('panel.drafts.closed', { stages: stagesAllowing('draft') })}</p>;
  return (
    <section className="new-version" aria-labelledby="new-version-heading">
      <h3 id="new-version-heading" className="new-version__heading">
        {t('panel.newVersion.heading')}
      </h3>
      <p className="new-version__intro">{t('panel.newVersion.intro')}</p>
      <p className="form__status" role="status">
        {sent > 0 ? t('panel.newVersion.created', { number: draft.version }) : ''}
      </p>
      {shortlist && (
        // Opened again after each new version, prefilled with it.
        <Disclosure key={`${sent}-${draft.version}`} label={t('panel.newVersion.open')} openLabel={t('panel.newVersion.close')}>
          {() => (
            <DraftWordingForm
              idPrefix={`version-${draft.id}`}
              initial={{ text: draft.text, rationale: draft.rationale, sourceSubmissionIds: draft.sourceSubmissionIds }}
              shortlist={shortlist}
              labels={{
                failedHeading: t('panel.newVersion.failedHeading'),
                submit: t('panel.newVersion.submit'),
                submitting: t('panel.newVersion.submitting'),
                rationale: t('panel.newVersion.rationaleLabel'),
                rationaleHint: t('panel.newVersion.rationaleHint'),
              }}
              send={(version) => create.mutateAsync(version)}
              pending={create.isPending}
              refuseUnchanged
              onSent={() => setSent((count) => count + 1)}
            />
          )}
        </Disclosure>
      )}
    </section>
  );
}
