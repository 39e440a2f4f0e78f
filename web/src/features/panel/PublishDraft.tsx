import { useTranslation } from 'react-i18next';
import { inDraftStatusSet, type Campaign, type Draft } from '@city-spirit/shared';
import { stageAllows } from '../../api/campaigns.ts';
import { isApiError } from '../../api/client.ts';
import { useLocaleFormat } from '../../i18n/format.ts';
import { useConfirmStep } from '../../ui/useConfirmStep.ts';
import { useProblemMessage } from '../../ui/useProblemMessage.ts';
import { usePublishDraft } from './api/publishDraft.ts';

/**
 * Publishing to residents, in two steps. The button is there while the draft is the panel's; it
 * works once the server says the draft is publishable, and until then says what is missing.
 */
export function PublishDraft({ campaign, draft }: { campaign: Campaign; draft: Draft }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const problemMessage = useProblemMessage();
  const publish = usePublishDraft(campaign.slug, draft.id);
  const step = useConfirmStep(() => publish.reset());
  const reasonId = `publish-reason-${draft.id}`;
  if (!inDraftStatusSet('inPanelReview', draft.status)) {
    return (
      <p className="publish__done" role="status">
        {draft.publishedAt ? t('panel.publish.published', { date: format.date(draft.publishedAt) }) : t(`panel.drafts.status.${draft.status}`)}
      </p>
    );
  }
  const quorum = campaign.settings.panelQuorum;
  const stageOpen = stageAllows(campaign, 'draft');
  const ready = draft.publishable && stageOpen;
  const missing = !stageOpen
    ? t('panel.drafts.stageClosed')
    : draft.endorsements < quorum
      ? t('panel.publish.needEndorsements', {
          count: quorum - draft.endorsements,
          endorsements: format.number(draft.endorsements),
          quorum: format.number(quorum),
          missing: format.number(quorum - draft.endorsements),
        })
      : t('panel.publish.needMajority', { endorsements: format.number(draft.endorsements), objections: format.number(draft.objections) });
  const failure = publish.error && (isApiError(publish.error) && publish.error.problem?.code === 'conflict' ? t('panel.publish.conflict') : problemMessage(publish.error));

  return (
    <div className="publish">
      {!step.confirming ? (
        <>
          <button
            ref={step.startButton}
            type="button"
            className="button publish__button"
            aria-disabled={!ready || undefined}
            aria-describedby={ready ? undefined : reasonId}
            onClick={() => ready && step.start()}
          >
            {t('panel.publish.start')}
          </button>
          <p id={reasonId} className="publish__reason">
            {ready ? t('panel.publish.ready') : missing}
          </p>
        </>
      ) : (
        <div className="publish__confirm" aria-labelledby={step.headingId}>
          <h4 id={step.headingId} ref={step.confirmHeading} tabIndex={-1} className="publish__confirm-heading">
            {t('panel.publish.confirmHeading')}
          </h4>
          <p>{t('panel.publish.confirmText')}</p>
          {failure && (
            <p className="inline-error" role="alert">
              {failure}
            </p>
          )}
          <div className="form__actions">
            <button type="button" className="button" aria-disabled={publish.isPending || undefined} onClick={() => !publish.isPending && publish.mutate()}>
              {publish.isPending ? t('panel.publish.publishing') : t('panel.publish.confirm')}
            </button>
            <button type="button" className="button button--secondary" onClick={step.cancel}>
              {t('panel.publish.cancel')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
