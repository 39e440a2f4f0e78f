import { useEffect, useId, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { hasProblems, type FormProblems } from './formProblems.ts';

type Props<Field extends string> = {
  heading: string;
  problems: FormProblems<Field>;
  /** The fields in the order of the form, with the ids of their controls. */
  fieldIds: Record<Field, string>;
  /** The fields' labels: each item names its field ("Password: use at least 10 characters"). */
  fieldLabels: Record<Field, string>;
  /** Changes each time the problems are shown anew: the summary then takes focus, so it is read out. */
  shownCount: number;
  /** 3 inside a section that has its own h2. */
  headingLevel?: 2 | 3;
};

/** GOV.UK's error summary: at the top of the form, each field's problem, named by the field, linking to it. */
export function ErrorSummary<Field extends string>({ heading, problems, fieldIds, fieldLabels, shownCount, headingLevel = 2 }: Props<Field>) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const visible = hasProblems(problems);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  useEffect(() => {
    if (visible && shownCount > 0) ref.current?.focus();
  }, [shownCount, visible]);
  if (!visible) return null;

  const fieldProblems = (Object.keys(fieldIds) as Field[]).flatMap((field) => {
    const message = problems.fields[field];
    return message ? [{ id: fieldIds[field], message: t('form.summaryItem', { field: fieldLabels[field], message }) }] : [];
  });
  const focusField = (event: MouseEvent<HTMLAnchorElement>, id: string) => {
    const control = document.getElementById(id);
    if (!control) return;
    event.preventDefault();
    control.focus();
    control.scrollIntoView({ block: 'center' });
  };

  return (
    <div className="error-summary" ref={ref} tabIndex={-1} aria-labelledby={headingId}>
      <div role="alert">
        <Heading id={headingId} className="error-summary__heading">
          {heading}
        </Heading>
        {problems.form && <p className="error-summary__text">{problems.form}</p>}
        {fieldProblems.length > 0 && (
          <ul className="error-summary__list">
            {fieldProblems.map(({ id, message }) => (
              <li key={id}>
                <a href={`#${id}`} onClick={(event) => focusField(event, id)}>
                  {message}
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
