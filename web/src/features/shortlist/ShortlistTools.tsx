import { useId, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { inStatusSet, isStaff, SHORTLIST_RATIONALE_LENGTH, shortlistPutSchema, type Campaign, type Submission } from '@city-spirit/shared';
import { stageAllows } from '../../api/campaigns.ts';
import { isApiError } from '../../api/client.ts';
import { useSession } from '../../api/session.ts';
import { paths } from '../../paths.ts';
import { CharacterCount } from '../../ui/CharacterCount.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { useProblemMessage } from '../../ui/useProblemMessage.ts';
import { useLocaleFormat } from '../../i18n/format.ts';
import { shortlistQuery } from '../../api/shortlist.ts';
import { useShortlistEntry } from './api/shortlistEntry.ts';
import { useUnshortlistEntry } from './api/unshortlistEntry.ts';

/** For moderators (and admins) on an entry's page while the stage allows shortlisting (the server decides again): shortlist it with a rationale, change the rationale, or take it off. */
export function ShortlistTools({ submission, campaign }: { submission: Submission; campaign: Campaign }) {
  const { user } = useSession();
  if (!user || !isStaff(user) || !stageAllows(campaign, 'shortlist')) return null;
  return <ShortlistForm submission={submission} />;
}

function ShortlistForm({ submission }: { submission: Submission }) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const format = useLocaleFormat();
  const length = { min: format.number(SHORTLIST_RATIONALE_LENGTH.min), max: format.number(SHORTLIST_RATIONALE_LENGTH.max) };
  const headingId = useId();
  const fieldId = useId();
  const onShortlist = submission.status === 'shortlisted';
  const current = useQuery({ ...shortlistQuery(submission.campaignSlug), enabled: onShortlist }).data?.items.find((item) => item.submission.id === submission.id);
  const [draft, setDraft] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<string | undefined>();
  const [saved, setSaved] = useState<'added' | 'changed' | 'removed' | null>(null);
  const add = useShortlistEntry();
  const remove = useUnshortlistEntry();
  const rationale = draft ?? current?.rationale ?? '';
  const listed = inStatusSet('listed', submission.status);
  const pending = add.isPending || remove.isPending;
  const failure = add.error ?? remove.error;

  const failureText = (error: unknown) => {
    const code = isApiError(error) ? error.problem?.code : undefined;
    if (code === 'stage_closed') return t('shortlist.tools.stageClosed');
    if (code === 'conflict') return t('shortlist.tools.notListed');
    return problemMessage(error);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const parsed = shortlistPutSchema.safeParse({ rationale });
    if (!parsed.success) {
      setInvalid(t('shortlist.tools.rationaleLength', length));
      return;
    }
    setInvalid(undefined);
    remove.reset();
    add.mutate(
      { submission, rationale: parsed.data.rationale },
      {
        onSuccess: () => {
          setDraft(null);
          setSaved(onShortlist ? 'changed' : 'added');
        },
      },
    );
  };
  const takeOff = () => {
    if (pending) return;
    add.reset();
    remove.mutate(
      { submission },
      {
        onSuccess: () => {
          setDraft(null);
          setSaved('removed');
        },
      },
    );
  };

  if (!listed) return null;
  return (
    <section className="shortlist-tools" aria-labelledby={headingId}>
      <h2 id={headingId} className="shortlist-tools__heading">
        {t('shortlist.tools.heading')}
      </h2>
      <p className="shortlist-tools__intro">{onShortlist ? t('shortlist.tools.onShortlist') : t('shortlist.tools.intro')}</p>
      <form className="form shortlist-tools__form" onSubmit={submit} noValidate>
        <TextAreaField
          id={fieldId}
          label={t('shortlist.tools.rationaleLabel')}
          hint={t('shortlist.tools.rationaleHint', length)}
          error={invalid}
          value={rationale}
          onValueChange={(value) => {
            setDraft(value);
            setSaved(null);
          }}
          rows={4}
          below={<CharacterCount text={rationale} max={SHORTLIST_RATIONALE_LENGTH.max} />}
        />
        {failure && (
          <div className="inline-error" role="alert">
            <p>{failureText(failure)}</p>
          </div>
        )}
        {saved && (
          <p className="form__status" role="status">
            {t(`shortlist.tools.saved.${saved}`)} {saved !== 'removed' && <Link to={paths.shortlist(submission.campaignSlug)}>{t('shortlist.tools.seeShortlist')}</Link>}
          </p>
        )}
        <div className="form__actions">
          <button type="submit" className="button" aria-disabled={pending || undefined}>
            {add.isPending ? t('shortlist.tools.saving') : onShortlist ? t('shortlist.tools.change') : t('shortlist.tools.add')}
          </button>
          {onShortlist && (
            <button type="button" className="button button--secondary" aria-disabled={pending || undefined} onClick={takeOff}>
              {remove.isPending ? t('shortlist.tools.removing') : t('shortlist.tools.remove')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
