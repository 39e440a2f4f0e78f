import { useTranslation } from 'react-i18next';
import { canAppealSubmission, type Submission } from '@city-spirit/shared';
import { AppealForm } from './AppealForm.tsx';

/** Appealable: hidden or rejected, and seen by its author. */
export const canAppealEntry = (submission: Pick<Submission, 'status' | 'viewerIsAuthor'>) =>
  canAppealSubmission({ status: submission.status, ownedByViewer: submission.viewerIsAuthor });

/** In the author's status notice of a hidden or rejected entry: why, and a way to appeal (once per decision). */
export function EntryDecision({ submission }: { submission: Submission }) {
  const { t } = useTranslation();
  const decision = submission.decision;
  return (
    <div className="decision">
      {decision && (
        <p className="decision__reason">
          <span className="decision__label">{t(decision.automatic ? 'appeals.reasonAutomatic' : 'appeals.reasonLabel')}</span> {decision.reason}
        </p>
      )}
      {decision?.appealed ? (
        <p className="decision__intro">{t('appeals.already')}</p>
      ) : (
        <>
          <p className="decision__intro">{t('appeals.intro')}</p>
          <AppealForm targetType="submission" targetId={submission.id} openerClassName="button button--secondary button--small" />
        </>
      )}
    </div>
  );
}
