import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMENT_BODY_MAX_LENGTH, commentUpdateSchema, type Comment } from '@city-spirit/shared';
import { CharacterCount } from '../../ui/CharacterCount.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { useFormProblems } from '../../ui/formProblems.ts';
import { useEditComment } from './api/editComment.ts';
import { problemsFromIssues, problemsFromServer, type CommentField } from './commentProblems.ts';
import { useThread } from './threadContext.ts';

type Props = { comment: Comment & { body: string }; onDone: () => void };

/** The comment's text in a field of its own place, while the edit window lasts. */
export function CommentEditForm({ comment, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const { target } = useThread();
  const edit = useEditComment(target);
  const { problems, shownCount, show, clear } = useFormProblems<CommentField>();
  const [body, setBody] = useState(comment.body);
  const bodyId = `comment-${comment.id}-edit`;
  const until = new Intl.DateTimeFormat(i18n.resolvedLanguage ?? i18n.language, { timeStyle: 'short' }).format(new Date(comment.editableUntil ?? comment.createdAt));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (edit.isPending) return;
    const parsed = commentUpdateSchema.safeParse({ body });
    if (!parsed.success) {
      show((words) => problemsFromIssues(words.t, parsed.error.issues, body));
      return;
    }
    clear();
    edit.mutate(
      { id: comment.id, body: parsed.data.body },
      {
        onSuccess: onDone,
        onError: (error) =>
          show((words) => problemsFromServer({ t: words.t, problemMessage: words.problemMessage, duration: words.format.duration }, error, body, words.t('discussion.edit.expired'))),
      },
    );
  }

  return (
    <div className="comment__edit">
      <ErrorSummary heading={t('discussion.edit.failedHeading')} problems={problems} fieldIds={{ body: bodyId, stance: bodyId }} fieldLabels={{ body: t('discussion.edit.label'), stance: t('discussion.stance.legend') }} shownCount={shownCount} headingLevel={3} />
      <form className="form composer__form" onSubmit={submit} noValidate>
        <TextAreaField
          id={bodyId}
          name="body"
          rows={4}
          label={t('discussion.edit.label')}
          hint={t('discussion.edit.until', { time: until })}
          error={problems.fields.body}
          value={body}
          onValueChange={setBody}
          autoFocus
          below={<CharacterCount text={body} max={COMMENT_BODY_MAX_LENGTH} />}
        />
        <div className="form__actions">
          <button type="submit" className="button" aria-disabled={edit.isPending || undefined}>
            {edit.isPending ? t('discussion.edit.saving') : t('discussion.edit.save')}
          </button>
          <button type="button" className="button button--secondary" onClick={onDone}>
            {t('discussion.edit.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
