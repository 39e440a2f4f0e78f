import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { noticeState } from '../../ui/notices.ts';
import { useConfirmStep } from '../../ui/useConfirmStep.ts';
import { useProblemMessage } from '../../ui/useProblemMessage.ts';
import { useDeleteAccount } from './api/deleteAccount.ts';
import { AccountSection } from './AccountSection.tsx';

/** Two steps: first what is erased and what stays, then the deletion itself. */
export function DeleteAccountSection() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const problemMessage = useProblemMessage();
  // flushSync: off this page before the session ends, or it would redirect to sign-in (see SignOutButton).
  const deletion = useDeleteAccount(() => navigate('/', { replace: true, state: noticeState('accountDeleted'), flushSync: true }));
  const { confirming, start, cancel, confirmHeading, startButton, headingId } = useConfirmStep(() => deletion.reset());

  return (
    <AccountSection heading={t('account.deletion.heading')} intro={t('account.deletion.intro')} tone="danger">
      {confirming ? (
        <div className="deletion" role="group" aria-labelledby={headingId}>
          <h3 id={headingId} ref={confirmHeading} tabIndex={-1} className="deletion__heading">
            {t('account.deletion.confirmHeading')}
          </h3>
          <div className="deletion__lists">
            <div>
              <h4 className="deletion__list-heading">{t('account.deletion.erasedHeading')}</h4>
              <ul className="deletion__list deletion__list--erased">
                {t('account.deletion.erased', { returnObjects: true }).map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </div>
            <div>
              <h4 className="deletion__list-heading">{t('account.deletion.keptHeading')}</h4>
              <ul className="deletion__list deletion__list--kept">
                {t('account.deletion.kept', { returnObjects: true }).map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </div>
          </div>
          <p className="deletion__afterwards">{t('account.deletion.afterwards')}</p>
          {deletion.isError && (
            <div className="inline-error" role="alert">
              <p className="inline-error__heading">{t('account.deletion.failedHeading')}</p>
              <p>{problemMessage(deletion.error)}</p>
            </div>
          )}
          <div className="form__actions">
            <button
              type="button"
              className="button button--danger"
              aria-disabled={deletion.isPending || undefined}
              onClick={() => !deletion.isPending && deletion.mutate()}
            >
              {deletion.isPending ? t('account.deletion.deleting') : t('account.deletion.confirm')}
            </button>
            <button type="button" className="button button--secondary" onClick={cancel}>
              {t('account.deletion.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button ref={startButton} type="button" className="button button--danger-outline" onClick={start}>
          {t('account.deletion.start')}
        </button>
      )}
    </AccountSection>
  );
}
