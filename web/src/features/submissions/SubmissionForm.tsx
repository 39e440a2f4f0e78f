import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { EXPLANATION_MAX_LENGTH, submissionCreateSchema, type Campaign, type OwnUser } from '@city-spirit/shared';
import { isApiError } from '../../api/client.ts';
import { paths } from '../../paths.ts';
import { CharacterCount } from '../../ui/CharacterCount.tsx';
import { DistrictField } from '../../ui/DistrictField.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextAreaField, TextField } from '../../ui/Field.tsx';
import { useFormProblems } from '../../ui/formProblems.ts';
import { noticeState } from '../../ui/notices.ts';
import { useCreateSubmission } from './api/createSubmission.ts';
import { clearDraft, readDraft, storeDraft } from './draft.ts';
import { PHRASE_LENGTH, problemsFromIssues, problemsFromServer, type SubmissionField, type SubmissionValues } from './fieldMessages.ts';
import { entryState } from './entryState.ts';
import { SimilarPhrases } from './SimilarPhrases.tsx';

const FIELD_IDS: Record<SubmissionField, string> = {
  phrase: 'submission-phrase',
  explanation: 'submission-explanation',
  districtCode: 'submission-district',
};

/** Why the server turned the entry away where the form cannot go on: the page then says so instead of the form. */
export type Refusal = 'limit' | 'closed';

type Duplicate = { id: string; phrase: string };
const duplicateProblemSchema = z.object({ duplicate: z.object({ id: z.string(), phrase: z.string() }) });

function duplicateOf(error: unknown, phrase: string): Duplicate | undefined {
  if (!isApiError(error)) return undefined;
  const parsed = duplicateProblemSchema.safeParse(error.problem);
  if (parsed.success) return parsed.data.duplicate;
  const id = error.problem?.duplicateOf;
  return typeof id === 'string' ? { id, phrase } : undefined;
}

type Props = { campaign: Campaign; user: OwnUser; onRefused: (refusal: Refusal) => void };

export function SubmissionForm({ campaign, user, onRefused }: Props) {
  const { t } = useTranslation();
  const { slug } = campaign;
  const navigate = useNavigate();
  const create = useCreateSubmission(slug);
  const { problems, shownCount, show, clear } = useFormProblems<SubmissionField>();
  const [values, setValues] = useState<SubmissionValues>(
    () => readDraft(slug) ?? { phrase: '', explanation: '', districtCode: user.districtCode ?? '' },
  );
  const [duplicate, setDuplicate] = useState<Duplicate | null>(null);

  useEffect(() => storeDraft(slug, values), [slug, values]);

  const setValue = (field: SubmissionField) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    if (field === 'phrase') setDuplicate(null); // it was about the phrase as it was
  };

  /** The server's refusals that the form explains itself; anything else in general words. */
  function refuse(error: unknown) {
    const code = isApiError(error) ? error.problem?.code : undefined;
    const existing = code === 'duplicate_submission' ? duplicateOf(error, values.phrase.trim()) : undefined;
    if (existing) setDuplicate(existing);
    else if (code === 'conflict') onRefused('limit'); // the only conflict of a new entry: the resident's limit
    else if (code === 'stage_closed') onRefused('closed');
    else if (code === 'validation_failed') show(({ t }) => problemsFromServer(t, error, values));
    else show(({ problemMessage }) => ({ fields: {}, form: problemMessage(error) }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    setDuplicate(null);
    const parsed = submissionCreateSchema.safeParse({
      phrase: values.phrase,
      explanation: values.explanation,
      districtCode: values.districtCode || undefined,
    });
    if (!parsed.success) {
      const { issues } = parsed.error;
      show(({ t }) => problemsFromIssues(t, issues, values));
      return;
    }
    clear();
    create.mutate(parsed.data, {
      onSuccess: ({ submission, similar }) => {
        clearDraft(slug);
        const notice = submission.status === 'pending' ? 'submissionPending' : 'submissionPublished';
        navigate(paths.entry(submission.id), { state: { ...noticeState(notice), ...entryState({ similar }) } });
      },
      onError: refuse,
    });
  }

  return (
    <>
      <ErrorSummary
        heading={t('submit.failedHeading')}
        problems={problems}
        fieldIds={FIELD_IDS}
        fieldLabels={{ phrase: t('fields.phrase.label'), explanation: t('fields.explanation.label'), districtCode: t('fields.submissionDistrict.label') }}
        shownCount={shownCount}
      />
      {duplicate && <DuplicateNotice duplicate={duplicate} />}
      <form className="form" onSubmit={submit} noValidate>
        <div className="phrase-field">
          <TextField
            id={FIELD_IDS.phrase}
            name="phrase"
            className="input--phrase"
            autoComplete="off"
            label={t('fields.phrase.label')}
            hint={t('fields.phrase.hint', PHRASE_LENGTH)}
            error={problems.fields.phrase}
            value={values.phrase}
            onValueChange={setValue('phrase')}
            below={<CharacterCount text={values.phrase} max={PHRASE_LENGTH.max} />}
          />
          <SimilarPhrases slug={slug} phrase={values.phrase} />
        </div>
        <TextAreaField
          id={FIELD_IDS.explanation}
          name="explanation"
          rows={6}
          optional
          label={t('fields.explanation.label')}
          hint={t('fields.explanation.hint', { max: EXPLANATION_MAX_LENGTH })}
          error={problems.fields.explanation}
          value={values.explanation}
          onValueChange={setValue('explanation')}
          below={<CharacterCount text={values.explanation} max={EXPLANATION_MAX_LENGTH} />}
        />
        <DistrictField
          id={FIELD_IDS.districtCode}
          label={t('fields.submissionDistrict.label')}
          hint={t('fields.submissionDistrict.hint')}
          value={values.districtCode}
          onValueChange={setValue('districtCode')}
          error={problems.fields.districtCode}
        />
        <p className="submit__publicly">
          {campaign.settings.moderationMode === 'pre'
            ? t('submit.publiclyAfterReview', { name: user.displayName })
            : t('submit.publicly', { name: user.displayName })}
        </p>
        <button type="submit" className="button button--wide" aria-disabled={create.isPending || undefined}>
          {create.isPending ? t('submit.submitting') : t('submit.submit')}
        </button>
      </form>
    </>
  );
}

/** The same phrase is already in: show it, and the way to it, where the eye and the keyboard go. */
function DuplicateNotice({ duplicate }: { duplicate: Duplicate }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const headingId = useId();
  useEffect(() => ref.current?.focus(), [duplicate]);
  return (
    <div className="refusal refusal--duplicate" ref={ref} tabIndex={-1} aria-labelledby={headingId}>
      <div role="alert">
        <h2 id={headingId} className="refusal__heading">
          {t('submit.duplicate.heading')}
        </h2>
        <p className="refusal__text">{t('submit.duplicate.text')}</p>
        <p className="refusal__phrase">{duplicate.phrase}</p>
      </div>
      <p className="refusal__actions">
        <Link to={paths.entry(duplicate.id)} className="button">
          {t('submit.duplicate.view')}
        </Link>
      </p>
      <p className="refusal__hint">{t('submit.duplicate.rephrase')}</p>
    </div>
  );
}
