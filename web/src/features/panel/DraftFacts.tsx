import { useTranslation } from 'react-i18next';
import type { Draft, DraftStatus } from '@city-spirit/shared';
import { useLocaleFormat } from '../../i18n/format.ts';
import { textLang } from '../../ui/entryText.ts';

export function DraftStatusBadge({ status }: { status: DraftStatus }) {
  const { t } = useTranslation();
  return (
    <span className="status-badge draft-status" data-status={status}>
      <span className="visually-hidden">{t('panel.drafts.statusLabel')}</span>
      {t(`panel.drafts.status.${status}`)}
    </span>
  );
}

/** Endorsements against the quorum, as a bar of the quorum's places and in words; objections beside them. */
export function EndorsementTally({ draft, quorum }: { draft: Pick<Draft, 'endorsements' | 'objections'>; quorum: number }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const places = Array.from({ length: Math.max(quorum, draft.endorsements) }, (_, index) => index < draft.endorsements);
  return (
    <div className="tally">
      <span className="tally__places" aria-hidden="true">
        {places.map((filled, index) => (
          <span key={index} className="tally__place" data-filled={filled || undefined} data-beyond={index >= quorum || undefined} />
        ))}
      </span>
      <span className="tally__text">
        {t('panel.tally.endorsements', { count: draft.endorsements, formatted: format.number(draft.endorsements), quorum: format.number(quorum) })}
        <span className="tally__objections">{t('panel.tally.objections', { count: draft.objections, formatted: format.number(draft.objections) })}</span>
      </span>
    </div>
  );
}

/** The entries a version draws on, by their phrases. */
export function SourceList({ ids, phrases }: { ids: string[]; phrases: Map<string, string> }) {
  const { t } = useTranslation();
  return (
    <ul className="source-list">
      {ids.map((id) => {
        const phrase = phrases.get(id);
        return (
          <li key={id} lang={phrase ? textLang(phrase) : undefined}>
            {phrase ?? t('panel.draft.unknownSource')}
          </li>
        );
      })}
    </ul>
  );
}
