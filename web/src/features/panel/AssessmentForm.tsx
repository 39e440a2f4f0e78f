import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  ASSESSMENT_SCORE_MAX,
  ASSESSMENT_SCORE_MIN,
  assessmentPutSchema,
  characterCount,
  PANEL_TEXT_MAX_LENGTH,
  type AssessmentSummary,
  type Campaign,
  type Criterion,
} from '@city-spirit/shared';
import { isApiError } from '../../api/client.ts';
import { CharacterCount } from '../../ui/CharacterCount.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { hasProblems, useFormProblems, type FormProblems } from '../../ui/formProblems.ts';
import { useSaveAssessment } from './api/saveAssessment.ts';
import { useCriterionText } from './panelText.ts';

const SCALE = Array.from({ length: ASSESSMENT_SCORE_MAX - ASSESSMENT_SCORE_MIN + 1 }, (_, index) => ASSESSMENT_SCORE_MIN + index);
const NOTE_FIELD = 'note';

type Props = { campaign: Campaign; submissionId: string; criteria: Criterion[]; mine: AssessmentSummary['mine'] };

/** The expert's own scores of one entry, 1–5 on each criterion, with a note; prefilled with their last assessment. */
export function AssessmentForm({ campaign, submissionId, criteria, mine }: Props) {
  const { t } = useTranslation();
  const text = useCriterionText();
  const idPrefix = useId();
  const save = useSaveAssessment();
  const { problems, shownCount, show, clear } = useFormProblems<string>();
  const [scores, setScores] = useState<Record<string, number>>(() => ({ ...(mine?.scores ?? {}) }));
  const [note, setNote] = useState(mine?.note ?? '');
  const [saved, setSaved] = useState(false);
  const fieldIds = Object.fromEntries([...criteria.map((criterion) => [criterion.key, `${idPrefix}-${criterion.key}`]), [NOTE_FIELD, `${idPrefix}-note`]]) as Record<string, string>;
  const fieldLabels = Object.fromEntries([...criteria.map((criterion) => [criterion.key, text.name(criterion)]), [NOTE_FIELD, t('panel.assessment.noteLabel')]]) as Record<string, string>;

  const localProblems = (t: TFunction): FormProblems<string> => {
    const fields: Record<string, string> = {};
    for (const criterion of criteria) if (scores[criterion.key] === undefined) fields[criterion.key] = t('panel.assessment.scoreRequired');
    if (characterCount(note.trim()) > PANEL_TEXT_MAX_LENGTH) fields[NOTE_FIELD] = t('panel.assessment.noteTooLong', { max: PANEL_TEXT_MAX_LENGTH });
    return { fields };
  };

  function refuse(error: unknown) {
    const code = isApiError(error) ? error.problem?.code : undefined;
    if (code === 'stage_closed') return show(({ t }) => ({ fields: {}, form: t('panel.assessment.stageClosed') }));
    if (code === 'validation_failed' && isApiError(error)) {
      const serverErrors = error.problem?.errors ?? [];
      return show(({ t, problemMessage }) => {
        const fields: Record<string, string> = {};
        for (const { path, message } of serverErrors) {
          const [, field, key] = path.split('.');
          if (field === 'scores' && key && fieldIds[key]) fields[key] = t('panel.assessment.scoreRequired');
          else if (field === NOTE_FIELD) fields[NOTE_FIELD] = t('panel.assessment.noteTooLong', { max: PANEL_TEXT_MAX_LENGTH });
          else if (field === 'scores') return { fields, form: message };
        }
        return Object.keys(fields).length > 0 ? { fields } : { fields, form: problemMessage(error) };
      });
    }
    show(({ problemMessage }) => ({ fields: {}, form: problemMessage(error) }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    setSaved(false);
    const parsed = assessmentPutSchema.safeParse({ scores, note: note.trim() ? note : undefined });
    if (hasProblems(localProblems(t)) || !parsed.success) {
      show(({ t }) => (hasProblems(localProblems(t)) ? localProblems(t) : { fields: {}, form: t('problems.generic') }));
      return;
    }
    clear();
    save.mutate({ slug: campaign.slug, submissionId, assessment: parsed.data }, { onSuccess: () => setSaved(true), onError: refuse });
  }

  return (
    <div className="assessment-form">
      <ErrorSummary heading={t('panel.assessment.failedHeading')} problems={problems} fieldIds={fieldIds} fieldLabels={fieldLabels} shownCount={shownCount} headingLevel={3} />
      <form className="form" onSubmit={submit} noValidate>
        <p className="assessment-form__scale">{t('panel.assessment.scale', { min: ASSESSMENT_SCORE_MIN, max: ASSESSMENT_SCORE_MAX })}</p>
        {criteria.map((criterion) => (
          <ScoreChoice
            key={criterion.key}
            id={fieldIds[criterion.key]!}
            legend={text.name(criterion)}
            description={text.description(criterion)}
            value={scores[criterion.key]}
            error={problems.fields[criterion.key]}
            onChange={(value) => {
              setScores((current) => ({ ...current, [criterion.key]: value }));
              setSaved(false);
            }}
          />
        ))}
        <TextAreaField
          id={fieldIds[NOTE_FIELD]!}
          name="note"
          rows={3}
          optional
          label={t('panel.assessment.noteLabel')}
          hint={t('panel.assessment.noteHint')}
          error={problems.fields[NOTE_FIELD]}
          value={note}
          onValueChange={(value) => {
            setNote(value);
            setSaved(false);
          }}
          below={<CharacterCount text={note} max={PANEL_TEXT_MAX_LENGTH} />}
        />
        <div className="form__actions">
          <button type="submit" className="button" aria-disabled={save.isPending || undefined}>
            {save.isPending ? t('panel.assessment.saving') : t('panel.assessment.save')}
          </button>
        </div>
        <p className="form__status" role="status">
          {saved ? t('panel.assessment.saved') : ''}
        </p>
      </form>
    </div>
  );
}

type ScoreChoiceProps = { id: string; legend: string; description: string; value: number | undefined; error: string | undefined; onChange: (value: number) => void };

/** One criterion: 1 to 5 as a row of radio buttons, its description read with the group. */
function ScoreChoice({ id, legend, description, value, error, onChange }: ScoreChoiceProps) {
  const { t } = useTranslation();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <fieldset className="field segmented segmented--scale" data-invalid={error ? true : undefined} aria-describedby={[hintId, error ? errorId : ''].filter(Boolean).join(' ')}>
      <legend className="field__label">{legend}</legend>
      <p id={hintId} className="field__hint">
        {description}
      </p>
      {error && (
        <p id={errorId} className="field__error">
          <span className="visually-hidden">{t('form.errorPrefix')}</span>
          {error}
        </p>
      )}
      <div className="segmented__options">
        {SCALE.map((score) => (
          <label key={score} className="segmented__option">
            <input
              type="radio"
              className="segmented__input"
              id={score === SCALE[0] ? id : undefined}
              name={id}
              value={score}
              checked={value === score}
              onChange={() => onChange(score)}
            />
            {score}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
