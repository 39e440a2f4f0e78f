import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  characterCount,
  ENDORSEMENT_STANCES,
  endorsementPutSchema,
  inDraftStatusSet,
  PANEL_TEXT_MAX_LENGTH,
  type Campaign,
  type Draft,
  type Endorsement,
  type EndorsementStance,
} from '@city-spirit/shared';
import { stageAllows } from '../../api/campaigns.ts';
import { isApiError } from '../../api/client.ts';
import { useSession } from '../../api/session.ts';
import { useLocaleFormat } from '../../i18n/format.ts';
import { useRelativeTime } from '../../i18n/relativeTime.ts';
import { CharacterCount } from '../../ui/CharacterCount.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { textLang } from '../../ui/entryText.ts';
import { useProblemMessage } from '../../ui/useProblemMessage.ts';
import { useSaveEndorsement } from './api/saveEndorsement.ts';
import { Disclosure } from './Disclosure.tsx';
import { EndorsementTally } from './DraftFacts.tsx';
import { PublishDraft } from './PublishDraft.tsx';

type Props = { campaign: Campaign; draft: Draft; endorsementList: Endorsement[] };

/** Where the panel stands on a draft: the tally against the quorum, publishing, each expert's stance with its note, and the viewer's own. */
export function Endorsements({ campaign, draft, endorsementList }: Props) {
  const { t } = useTranslation();
  const open = inDraftStatusSet('inPanelReview', draft.status) && stageAllows(campaign, 'draft');
  // Only stances on the current version count; those on earlier versions are kept for the record.
  const current = endorsementList.filter((endorsement) => endorsement.version === draft.version);
  const earlier = endorsementList.filter((endorsement) => endorsement.version !== draft.version);
  return (
    <section className="endorsements" aria-labelledby="endorsements-heading">
      <h3 id="endorsements-heading" className="endorsements__heading">
        {t('panel.endorsements.heading')}
      </h3>
      <EndorsementTally draft={draft} quorum={campaign.settings.panelQuorum} />
      <PublishDraft campaign={campaign} draft={draft} />
      {current.length === 0 ? (
        <p className="endorsements__empty">{t('panel.endorsements.empty')}</p>
      ) : (
        <EndorsementList endorsements={current} />
      )}
      {earlier.length > 0 && (
        <Disclosure label={t('panel.endorsements.earlier', { count: earlier.length })} openLabel={t('panel.endorsements.hideEarlier')}>
          {() => <EndorsementList endorsements={earlier} showVersion />}
        </Disclosure>
      )}
      {/* Each version is endorsed afresh: the form starts again with it. */}
      {open && <StanceForm key={draft.version} campaign={campaign} draft={draft} endorsementList={endorsementList} />}
    </section>
  );
}

function EndorsementList({ endorsements, showVersion = false }: { endorsements: Endorsement[]; showVersion?: boolean }) {
  return (
    <ul className="endorsement-list">
      {endorsements.map((endorsement) => (
        <EndorsementItem key={`${endorsement.version}-${endorsement.expert.displayName}-${endorsement.updatedAt}`} endorsement={endorsement} showVersion={showVersion} />
      ))}
    </ul>
  );
}

function EndorsementItem({ endorsement, showVersion }: { endorsement: Endorsement; showVersion: boolean }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const time = useRelativeTime();
  return (
    <li className="endorsement" data-stance={endorsement.stance}>
      <p className="endorsement__meta">
        <span className="endorsement__stance" data-stance={endorsement.stance}>
          <span aria-hidden="true">{endorsement.stance === 'endorse' ? '✓' : '✗'}</span> {t(`panel.endorsements.stance.${endorsement.stance}`)}
        </span>
        <span className="endorsement__expert">{endorsement.expert.displayName}</span>
        {showVersion && <span>{t('panel.versions.number', { number: format.number(endorsement.version) })}</span>}
        <time dateTime={endorsement.updatedAt}>{time(endorsement.updatedAt)}</time>
      </p>
      {endorsement.note && (
        <p className="endorsement__note" lang={textLang(endorsement.note)}>
          {endorsement.note}
        </p>
      )}
    </li>
  );
}

function StanceForm({ campaign, draft, endorsementList }: Props) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const { user } = useSession();
  const id = useId();
  const save = useSaveEndorsement(campaign.slug, draft.id);
  // The list names experts, not accounts: the viewer's own note is the one under their name with their stance.
  const ownNote = endorsementList.find(
    (endorsement) => endorsement.version === draft.version && endorsement.stance === draft.viewerStance && endorsement.expert.displayName === user?.displayName,
  )?.note;
  const [stance, setStance] = useState<EndorsementStance | null>(draft.viewerStance);
  const [note, setNote] = useState(ownNote ?? '');
  const [invalid, setInvalid] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    setSaved(false);
    const parsed = endorsementPutSchema.safeParse({ stance: stance ?? undefined, note: note.trim() ? note : undefined });
    if (!parsed.success) {
      setInvalid(stance ? t('panel.endorsements.noteTooLong', { max: PANEL_TEXT_MAX_LENGTH, count: characterCount(note.trim()) }) : t('panel.endorsements.stanceRequired'));
      return;
    }
    setInvalid(undefined);
    save.mutate(parsed.data, { onSuccess: () => setSaved(true) });
  };
  const failure =
    save.error && (isApiError(save.error) && save.error.problem?.code === 'stage_closed' ? t('panel.drafts.stageClosed') : problemMessage(save.error));

  return (
    <form className="form stance-form" onSubmit={submit} noValidate>
      <fieldset className="field segmented stance-form__choice" data-invalid={invalid && !stance ? true : undefined}>
        <legend className="field__label">{t('panel.endorsements.yourStance')}</legend>
        {invalid && !stance && (
          <p className="field__error">
            <span className="visually-hidden">{t('form.errorPrefix')}</span>
            {invalid}
          </p>
        )}
        <div className="segmented__options">
          {ENDORSEMENT_STANCES.map((option) => (
            <label key={option} className="segmented__option" data-stance={option}>
              <input
                type="radio"
                className="segmented__input"
                name={`${id}-stance`}
                value={option}
                checked={stance === option}
                onChange={() => {
                  setStance(option);
                  setSaved(false);
                }}
              />
              <span aria-hidden="true">{option === 'endorse' ? '✓' : '✗'}</span> {t(`panel.endorsements.choose.${option}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <TextAreaField
        id={`${id}-note`}
        name="note"
        rows={3}
        optional
        label={t('panel.endorsements.noteLabel')}
        hint={t('panel.endorsements.noteHint')}
        error={invalid && stance ? invalid : undefined}
        value={note}
        onValueChange={(value) => {
          setNote(value);
          setSaved(false);
        }}
        below={<CharacterCount text={note} max={PANEL_TEXT_MAX_LENGTH} />}
      />
      {failure && (
        <p className="inline-error" role="alert">
          {failure}
        </p>
      )}
      <div className="form__actions">
        <button type="submit" className="button" aria-disabled={save.isPending || undefined}>
          {save.isPending ? t('panel.endorsements.saving') : draft.viewerStance ? t('panel.endorsements.change') : t('panel.endorsements.save')}
        </button>
      </div>
      <p className="form__status" role="status">
        {saved ? t(`panel.endorsements.saved.${stance ?? 'endorse'}`) : ''}
      </p>
    </form>
  );
}
