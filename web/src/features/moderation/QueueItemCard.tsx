import { forwardRef, useId, useImperativeHandle, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { moderationReasonSchema, type QueueItem } from '@city-spirit/shared';
import { isApiError } from '../../api/client.ts';
import { useRelativeTime } from '../../i18n/relativeTime.ts';
import { paths } from '../../paths.ts';
import { textLang } from '../../ui/entryText.ts';
import { CharacterCount } from '../../ui/CharacterCount.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { useProblemMessage } from '../../ui/useProblemMessage.ts';
import { usePerformAction } from './api/performAction.ts';
import { availableActions, type ContentAction } from './availableActions.ts';
import { BanAuthor } from './BanAuthor.tsx';
import { actionText, statusText } from './statusText.ts';

const REASON_MAX = 500;

/** What the console asks of a card from the keyboard. */
export type QueueItemHandle = { focus: () => void; choose: (action: ContentAction) => boolean };

type Props = {
  item: QueueItem;
  now: number;
  /** Says at the page's level what happened (the item may leave the list when it is read again). */
  announce: (wording: Announcement) => void;
  /** Reads the queue again, after another moderator was found to have decided first. */
  refresh: () => void;
  onFocusWithin: () => void;
};

/** Worded when shown, so that it follows a change of language. */
export type Announcement = (t: TFunction) => string;

type Outcome = { kind: 'done'; status: string; action: ContentAction | 'ban' } | { kind: 'conflict'; status: string };

export const QueueItemCard = forwardRef<QueueItemHandle, Props>(function QueueItemCard({ item, now, announce, refresh, onFocusWithin }, ref) {
  const { t } = useTranslation();
  const time = useRelativeTime();
  const problemMessage = useProblemMessage();
  const perform = usePerformAction();
  const card = useRef<HTMLElement>(null);
  const reasonField = useRef<HTMLTextAreaElement>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  const headingId = useId();
  const idPrefix = useId();
  const choices = availableActions(item);
  const [chosen, setChosen] = useState<ContentAction | null>(null);
  const [reason, setReason] = useState('');
  const [reasonProblem, setReasonProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const action = chosen && choices.some((choice) => choice.action === chosen) ? chosen : null;
  const entry = item.targetType === 'submission';
  const title = entry ? item.target.text : item.target.entryPhrase;

  useImperativeHandle(ref, () => ({
    focus: () => card.current?.focus(),
    choose: (next) => {
      if (outcome?.kind === 'done' || !choices.some((choice) => choice.action === next)) return false;
      setChosen(next);
      requestAnimationFrame(() => reasonField.current?.focus());
      return true;
    },
  }));

  const settle = (next: Outcome, message: Announcement) => {
    setOutcome(next);
    announce(message);
    requestAnimationFrame(() => outcomeRef.current?.focus());
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (perform.isPending) return;
    if (!action) {
      setReasonProblem(t('moderation.actions.chooseAction'));
      return;
    }
    const parsed = moderationReasonSchema.safeParse(reason);
    if (!parsed.success) {
      setReasonProblem(Array.from(reason.trim()).length > REASON_MAX ? t('moderation.actions.reasonTooLong', { max: REASON_MAX }) : t('moderation.actions.reasonRequired'));
      reasonField.current?.focus();
      return;
    }
    setReasonProblem(null);
    perform.mutate(
      { targetType: item.targetType, targetId: item.targetId, action, reason: parsed.data },
      {
        onSuccess: ({ status }) => {
          settle({ kind: 'done', status, action }, (words) => words('moderation.outcome.doneAnnounce', { title, status: statusText(words, status) }));
          setReason('');
          setChosen(null);
        },
        onError: (error) => {
          if (isApiError(error) && error.status === 409) {
            const current = typeof error.problem?.currentStatus === 'string' ? error.problem.currentStatus : item.status;
            settle({ kind: 'conflict', status: current }, (words) => words('moderation.outcome.conflictAnnounce', { title, status: statusText(words, current) }));
            setChosen(null);
            refresh();
          }
        },
      },
    );
  }

  const failure = perform.isError && !(isApiError(perform.error) && perform.error.status === 409) ? problemMessage(perform.error) : null;
  const decided = outcome?.kind === 'done';

  return (
    <article
      ref={card}
      tabIndex={-1}
      className="queue-item"
      data-kind={item.kind}
      data-decided={decided || undefined}
      aria-labelledby={headingId}
      onFocus={onFocusWithin}
    >
      <header className="queue-item__header">
        <span className="queue-item__kind" data-kind={item.kind}>
          {t(`moderation.kinds.${item.kind}`)}
        </span>
        <span className="queue-item__type">{t(entry ? 'moderation.item.entry' : 'moderation.item.comment')}</span>
        <span className="queue-item__status" data-status={item.status}>
          <span className="visually-hidden">{t('moderation.item.statusLabel')}</span>
          {statusText(t, item.status)}
        </span>
        <span className="queue-item__waiting">
          {t('moderation.item.waitingSince')} <time dateTime={item.waitingSince}>{time(item.waitingSince, now)}</time>
        </span>
      </header>

      <h2 id={headingId} className="queue-item__title" lang={textLang(title)}>
        {entry && item.target.entryId ? (
          <Link to={paths.entry(item.target.entryId)}>{item.target.text}</Link>
        ) : (
          <>
            <span className="queue-item__on">{t('moderation.item.commentOn')}</span>{' '}
            {item.target.entryId ? <Link to={paths.entry(item.target.entryId)}>{item.target.entryPhrase}</Link> : <span>{item.target.entryPhrase}</span>}
          </>
        )}
      </h2>
      {entry ? (
        item.target.explanation && (
          <p className="queue-item__text queue-item__explanation" lang={textLang(item.target.explanation)}>
            {item.target.explanation}
          </p>
        )
      ) : (
        <blockquote className="queue-item__text queue-item__comment" lang={textLang(item.target.text)}>
          {item.target.text}
        </blockquote>
      )}
      {item.pendingReason && (
        <p className="queue-item__pending-reason">{t(item.pendingReason === 'blocked_term' ? 'moderation.item.pendingBlockedTerm' : 'moderation.item.pendingPreModeration')}</p>
      )}

      <dl className="queue-item__facts">
        <div>
          <dt>{t('moderation.item.author')}</dt>
          <dd>
            {item.target.author.displayName}
            {item.target.author.banned && <span className="queue-item__banned">{t('moderation.item.banned')}</span>}
            <span className="queue-item__posted">
              {' · '}
              <time dateTime={item.target.createdAt}>{time(item.target.createdAt, now)}</time>
            </span>
          </dd>
        </div>
      </dl>

      {item.voteFlag && (
        <section className="queue-item__vote-flag" aria-label={t('moderation.item.voteFlagHeading')}>
          <h3 className="queue-item__subheading">{t('moderation.item.voteFlagHeading')}</h3>
          <p>
            {item.voteFlag.reason === 'burst'
              ? t('moderation.item.voteFlagBurst', { lastHour: item.voteFlag.votesLastHour, baseline: item.voteFlag.hourlyBaseline.toFixed(1) })
              : t('moderation.item.voteFlagNewAccounts', { voters: item.voteFlag.votersLastDay, share: `${Math.round(item.voteFlag.newAccountShare * 100)}%` })}
          </p>
        </section>
      )}
      {item.appeal && (
        <section className="queue-item__appeal" aria-label={t('moderation.item.appealHeading')}>
          <h3 className="queue-item__subheading">{t('moderation.item.appealHeading')}</h3>
          <p className="queue-item__against">
            {t('moderation.item.appealAgainst', { action: actionText(t, item.appeal.action), reason: item.appeal.actionReason })}
          </p>
          <blockquote className="queue-item__quote">{item.appeal.note}</blockquote>
          <p className="queue-item__when">
            <time dateTime={item.appeal.createdAt}>{time(item.appeal.createdAt, now)}</time>
          </p>
        </section>
      )}

      {item.reports.length > 0 && (
        <section className="queue-item__reports" aria-label={t('moderation.item.reportsHeading', { count: item.reportCount })}>
          <h3 className="queue-item__subheading">{t('moderation.item.reportsHeading', { count: item.reportCount })}</h3>
          <ul className="queue-item__list">
            {item.reports.map((report, index) => (
              <li key={index}>
                <span className="queue-item__reason">{t(`reports.reasons.${report.reason}`)}</span>
                <span className="queue-item__when">
                  {' · '}
                  <time dateTime={report.createdAt}>{time(report.createdAt, now)}</time>
                </span>
                {report.note && <p className="queue-item__note">{report.note}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}

      <details className="queue-item__history">
        <summary>{t('moderation.item.historyHeading', { count: item.authorHistory.length })}</summary>
        {item.authorHistory.length === 0 ? (
          <p className="queue-item__none">{t('moderation.item.noHistory')}</p>
        ) : (
          <ul className="queue-item__list">
            {item.authorHistory.map((entryOfHistory, index) => (
              <li key={index}>
                <span className="queue-item__reason">
                  {actionText(t, entryOfHistory.action)} · {t(entryOfHistory.targetType === 'comment' ? 'moderation.item.comment' : entryOfHistory.targetType === 'user' ? 'moderation.item.account' : 'moderation.item.entry')}
                </span>
                <span className="queue-item__when">
                  {' · '}
                  <time dateTime={entryOfHistory.createdAt}>{time(entryOfHistory.createdAt, now)}</time>
                </span>
                <p className="queue-item__note">{entryOfHistory.reason}</p>
              </li>
            ))}
          </ul>
        )}
      </details>

      {outcome && (
        <p ref={outcomeRef} tabIndex={-1} className="queue-item__outcome" data-kind={outcome.kind}>
          {outcome.kind === 'done'
            ? t('moderation.outcome.done', { status: statusText(t, outcome.status) })
            : t('moderation.outcome.conflict', { status: statusText(t, outcome.status) })}
        </p>
      )}

      {!decided && choices.length > 0 && (
        <form className="form queue-item__decide" onSubmit={submit} noValidate>
          <fieldset className="choice-group">
            <legend className="field__label">{t('moderation.actions.legend')}</legend>
            <div className="queue-item__choices">
              {choices.map((choice) => (
                <label key={choice.action} className="choice choice--compact" data-action={choice.action}>
                  <input
                    type="radio"
                    name={`${idPrefix}-action`}
                    value={choice.action}
                    checked={action === choice.action}
                    onChange={() => {
                      setChosen(choice.action);
                      setReasonProblem(null);
                    }}
                  />
                  {t(`moderation.actions.${choice.wording}`)}
                  {choice.action !== 'reject' && (
                    <kbd className="queue-item__key" aria-hidden="true">
                      {choice.action === 'approve' ? 'a' : choice.action === 'hide' ? 'h' : 'r'}
                    </kbd>
                  )}
                </label>
              ))}
            </div>
          </fieldset>
          <TextAreaField
            ref={reasonField}
            id={`${idPrefix}-reason`}
            label={t('moderation.actions.reasonLabel')}
            hint={t('moderation.actions.reasonHint')}
            rows={2}
            value={reason}
            onValueChange={(value) => {
              setReason(value);
              setReasonProblem(null);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) event.currentTarget.form?.requestSubmit();
            }}
            error={reasonProblem ?? undefined}
            below={<CharacterCount text={reason} max={REASON_MAX} />}
          />
          {failure && (
            <div className="inline-error" role="alert">
              <p className="inline-error__heading">{t('moderation.actions.failedHeading')}</p>
              <p>{failure}</p>
            </div>
          )}
          <div className="form__actions">
            <button type="submit" className={action === 'hide' || action === 'reject' ? 'button button--danger' : 'button'} aria-disabled={perform.isPending || undefined}>
              {perform.isPending
                ? t('moderation.actions.sending')
                : action
                  ? t('moderation.actions.submitChosen', { action: t(`moderation.actions.${choices.find((choice) => choice.action === action)!.wording}`) })
                  : t('moderation.actions.submit')}
            </button>
          </div>
        </form>
      )}

      {!item.target.author.banned && (
        <BanAuthor
          item={item}
          onBanned={(hidContent) => {
            settle({ kind: 'done', status: 'banned', action: 'ban' }, (words) => words('moderation.ban.doneAnnounce', { name: item.target.author.displayName }));
            if (hidContent) refresh();
          }}
        />
      )}
    </article>
  );
});
