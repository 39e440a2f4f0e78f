import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMENT_BODY_MAX_LENGTH, commentCreateSchema, type Comment, type CommentStance, type OwnUser } from '@city-spirit/shared';
import { CharacterCount } from '../../ui/CharacterCount.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { useFormProblems } from '../../ui/formProblems.ts';
import { useCreateComment } from './api/createComment.ts';
import { problemsFromIssues, problemsFromServer, type CommentField } from './commentProblems.ts';
import { StanceChoice } from './StanceChoice.tsx';
import { useThread } from './threadContext.ts';

type Props = {
  user: OwnUser;
  idPrefix: string;
  /** A reply: the comment answered. */
  replyTo?: Pick<Comment, 'id'> & { name: string };
  onPosted?: (comment: Comment) => void;
  onCancel?: () => void;
};

/** A new comment, or a reply under the comment it answers: the text, a stance, and the button. */
export function CommentComposer({ user, idPrefix, replyTo, onPosted, onCancel }: Props) {
  const { t } = useTranslation();
  const { target } = useThread();
  const create = useCreateComment(target);
  const { problems, shownCount, show, clear } = useFormProblems<CommentField>();
  const [body, setBody] = useState('');
  const [stance, setStance] = useState<CommentStance | ''>('');
  const [posted, setPosted] = useState(false);
  const fieldIds: Record<CommentField, string> = { body: `${idPrefix}-body`, stance: `${idPrefix}-stance` };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    setPosted(false);
    const parsed = commentCreateSchema.safeParse({ body, stance: stance || undefined, parentId: replyTo?.id });
    if (!parsed.success) {
      show((words) => problemsFromIssues(words.t, parsed.error.issues, body));
      return;
    }
    clear();
    create.mutate(parsed.data, {
      onSuccess: ({ comment }) => {
        setBody('');
        setStance('');
        setPosted(true);
        onPosted?.(comment);
      },
      onError: (error) =>
        show((words) => problemsFromServer({ t: words.t, problemMessage: words.problemMessage, duration: words.format.duration }, error, body, words.t('discussion.composer.notPossible'))),
    });
  }

  return (
    <div className={replyTo ? 'composer composer--reply' : 'composer'}>
      <ErrorSummary
        heading={t('discussion.composer.failedHeading')}
        problems={problems}
        fieldIds={fieldIds}
        fieldLabels={{ body: replyTo ? t('discussion.composer.replyLabel', { name: replyTo.name }) : t('discussion.composer.label'), stance: t('discussion.stance.legend') }}
        shownCount={shownCount}
        headingLevel={3}
      />
      <form className="form composer__form" onSubmit={submit} noValidate>
        <TextAreaField
          id={fieldIds.body}
          name="body"
          rows={replyTo ? 3 : 4}
          label={replyTo ? t('discussion.composer.replyLabel', { name: replyTo.name }) : t('discussion.composer.label')}
          hint={t('discussion.composer.hint', { max: COMMENT_BODY_MAX_LENGTH })}
          error={problems.fields.body}
          value={body}
          onValueChange={(value) => {
            setBody(value);
            setPosted(false);
          }}
          autoFocus={Boolean(replyTo)}
          below={<CharacterCount text={body} max={COMMENT_BODY_MAX_LENGTH} />}
        />
        <StanceChoice idPrefix={idPrefix} value={stance} onChange={setStance} error={problems.fields.stance} />
        <p className="composer__publicly">{t('discussion.composer.publicly', { name: user.displayName })}</p>
        <div className="form__actions">
          <button type="submit" className="button" aria-disabled={create.isPending || undefined}>
            {create.isPending
              ? t('discussion.composer.submitting')
              : replyTo
                ? t('discussion.composer.replySubmit')
                : t('discussion.composer.submit')}
          </button>
          {onCancel && (
            <button type="button" className="button button--secondary" onClick={onCancel}>
              {t('discussion.composer.cancel')}
            </button>
          )}
        </div>
        <p className="form__status" role="status">
          {posted ? t('discussion.composer.posted') : ''}
        </p>
      </form>
    </div>
  );
}
