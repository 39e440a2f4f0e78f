import { useTranslation } from 'react-i18next';
import { COMMENT_STANCES, type CommentStance } from '@city-spirit/shared';

type Props = {
  idPrefix: string;
  value: CommentStance | '';
  onChange: (stance: CommentStance) => void;
  error?: string | undefined;
};

/** Support, oppose or neutral: three radio buttons, the first carrying the id the error summary links to. */
export function StanceChoice({ idPrefix, value, onChange, error }: Props) {
  const { t } = useTranslation();
  const errorId = `${idPrefix}-stance-error`;
  return (
    <fieldset className="field choice-group stance-choice" data-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined}>
      <legend className="field__label">{t('discussion.stance.legend')}</legend>
      {error && (
        <p id={errorId} className="field__error">
          <span className="visually-hidden">{t('form.errorPrefix')}</span>
          {error}
        </p>
      )}
      <div className="stance-choice__options">
        {COMMENT_STANCES.map((stance, index) => (
          <label key={stance} className="choice stance-choice__option" data-stance={stance}>
            <input
              type="radio"
              id={index === 0 ? `${idPrefix}-stance` : undefined}
              name={`${idPrefix}-stance`}
              value={stance}
              checked={value === stance}
              onChange={() => onChange(stance)}
            />
            <span>{t(`discussion.stance.${stance}`)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
