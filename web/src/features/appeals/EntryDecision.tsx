import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Submission } from '@city-spirit/shared';
import { decisionQuery } from './api/getDecision.ts';
import { AppealForm } from './AppealForm.tsx';

/** Appealable: hidden or rejected, and seen by its author. */
export const canAppealEntry = (submission: Pick<Submission, 'status' | 'viewerIsAuthor'>) =>
  submission.viewerIsAuthor && (submission.status === 'hidden' || submission.status === 'rejected');

/** In the author's status notice of a hidden or rejected entry: why (from the public log), and a way to appeal. */
export function EntryDecision({ submission }: { submission: Submission }) {
  const { t } = useTranslation();
  const decision = useQuery(decisionQuery(submission.campaignSlug, submission.id)).data;
  return (
    <div className="decision">
      {decision && (
        <p className="decision__reason">
          <span className="decision__label">{t(decision.automatic ? 'appeals.reasonAutomatic' : 'appeals.reasonLabel')}</span> {decision.reason}
        </p>
      )}
      <p className="decision__intro">{t('appeals.intro')}</p>
      <AppealForm targetType="submission" targetId={submission.id} openerClassName="button button--secondary button--small" />
    </div>
  );
}
