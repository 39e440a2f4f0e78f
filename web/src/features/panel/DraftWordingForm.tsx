import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { draftVersionInputSchema, PANEL_TEXT_MAX_LENGTH, type DraftVersionInput, type ShortlistItem } from '@city-spirit/shared';
import { CharacterCount } from '../../ui/CharacterCount.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { useFormProblems } from '../../ui/formProblems.ts';
import { textLang } from '../../ui/entryText.ts';
import { DRAFT_TEXT_LENGTH, problemsFromIssues, problemsFromServer, type DraftField, type DraftValues } from './draftProblems.ts';

type Props = {
  idPrefix: string;
  /** The values the form starts from: empty for a new draft, the current version for a new version. */
  initial: DraftValues;
  shortlist: ShortlistItem[];
  labels: { failedHeading: string; submit: string; submitting: string; rationale: string; rationaleHint: string };
  /** Sends the version; resolves when the server took it, rejects with its refusal. */
  send: (version: DraftVersionInput) => Promise<unknown>;
  pending: boolean;
  /** A version identical to `initial` is refused before it is sent (a new version must change something). */
  refuseUnchanged?: boolean;
  onSent?: () => void;
};

/** The wording (2–200 characters, counted as people count), why, and the shortlisted entries it draws on. */
export function DraftWordingForm({ idPrefix, initial, shortlist, labels, send, pending, refuseUnchanged = false, onSent }: Props) {
  const { t } = useTranslation();
  const sourcesHintId = useId();
  const { problems, shownCount, show, clear } = useFormProblems<DraftField>();
  const [values, setValues] = useState<DraftValues>(initial);
  const fieldIds: Record<DraftField, string> = { text: `${idPrefix}-text`, rationale: `${idPrefix}-rationale`, sourceSubmissionIds: `${idPrefix}-sources` };
  const fieldLabels: Record<DraftField, string> = { text: t('panel.draftForm.textLabel'), rationale: labels.rationale, sourceSubmissionIds: t('panel.draftForm.sourcesLegend') };

  const toggleSource = (id: string, checked: boolean) =>
    setValues((current) => ({
      ...current,
      sourceSubmissionIds: checked ? [...current.sourceSubmissionIds, id] : current.sourceSubmissionIds.filter((source) => source !== id),
    }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const parsed = draftVersionInputSchema.safeParse(values);
    if (!parsed.success) {
      const { issues } = parsed.error;
      show(({ t }) => problemsFromIssues(t, issues, values));
      return;
    }
    if (refuseUnchanged && sameVersion(parsed.data, initial)) {
      show(({ t }) => ({ fields: {}, form: t('panel.draftForm.unchanged') }));
      return;
    }
    clear();
    try {
      await send(parsed.data);
      onSent?.();
    } catch (error) {
      show((words) => problemsFromServer(words, error, values));
    }
  }

  return (
    <div className="draft-form">
      <ErrorSummary heading={labels.failedHeading} problems={problems} fieldIds={fieldIds} fieldLabels={fieldLabels} shownCount={shownCount} headingLevel={3} />
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <TextAreaField
          id={fieldIds.text}
          name="text"
          rows={2}
          className="draft-form__text"
          label={t('panel.draftForm.textLabel')}
          hint={t('panel.draftForm.textHint', DRAFT_TEXT_LENGTH)}
          error={problems.fields.text}
          value={values.text}
          onValueChange={(text) => setValues((current) => ({ ...current, text }))}
          below={<CharacterCount text={values.text} max={DRAFT_TEXT_LENGTH.max} />}
        />
        <TextAreaField
          id={fieldIds.rationale}
          name="rationale"
          rows={4}
          label={labels.rationale}
          hint={labels.rationaleHint}
          error={problems.fields.rationale}
          value={values.rationale}
          onValueChange={(rationale) => setValues((current) => ({ ...current, rationale }))}
          below={<CharacterCount text={values.rationale} max={PANEL_TEXT_MAX_LENGTH} />}
        />
        <fieldset
          className="field choice-group draft-form__sources"
          data-invalid={problems.fields.sourceSubmissionIds ? true : undefined}
          aria-describedby={[sourcesHintId, problems.fields.sourceSubmissionIds ? `${fieldIds.sourceSubmissionIds}-error` : ''].filter(Boolean).join(' ')}
        >
          <legend className="field__label">{t('panel.draftForm.sourcesLegend')}</legend>
          <p id={sourcesHintId} className="field__hint">
            {t('panel.draftForm.sourcesHint')}
          </p>
          {problems.fields.sourceSubmissionIds && (
            <p id={`${fieldIds.sourceSubmissionIds}-error`} className="field__error">
              <span className="visually-hidden">{t('form.errorPrefix')}</span>
              {problems.fields.sourceSubmissionIds}
            </p>
          )}
          <ul className="source-choices">
            {shortlist.map((item, index) => (
              <li key={item.submission.id}>
                <label className="source-choice">
                  <input
                    type="checkbox"
                    id={index === 0 ? fieldIds.sourceSubmissionIds : undefined}
                    name="sourceSubmissionIds"
                    value={item.submission.id}
                    checked={values.sourceSubmissionIds.includes(item.submission.id)}
                    onChange={(event) => toggleSource(item.submission.id, event.target.checked)}
                  />
                  <span lang={textLang(item.submission.phrase)}>{item.submission.phrase}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className="form__actions">
          <button type="submit" className="button" aria-disabled={pending || undefined}>
            {pending ? labels.submitting : labels.submit}
          </button>
        </div>
      </form>
    </div>
  );
}

function sameVersion(version: DraftVersionInput, initial: DraftValues): boolean {
  const sources = new Set(initial.sourceSubmissionIds);
  return (
    version.text === initial.text.trim() &&
    version.rationale === initial.rationale.trim() &&
    version.sourceSubmissionIds.length === sources.size &&
    version.sourceSubmissionIds.every((id) => sources.has(id))
  );
}
