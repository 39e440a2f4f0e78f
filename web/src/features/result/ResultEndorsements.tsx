import { useTranslation } from 'react-i18next';
import type { Endorsement } from '@city-spirit/shared';
import { textLang } from '../../ui/entryText.ts';

/** Each expert's stance on the adopted draft, the version it was given on, and the note they gave. */
export function ResultEndorsements({ endorsements }: { endorsements: Endorsement[] }) {
  const { t } = useTranslation();
  return (
    <section className="result-section result-endorsements" aria-labelledby="result-endorsements-heading">
      <h2 id="result-endorsements-heading">{t('result.endorsementsHeading')}</h2>
      {endorsements.length === 0 ? (
        <p>{t('result.noEndorsements')}</p>
      ) : (
        <ul className="result-endorsements__list">
          {endorsements.map((endorsement) => (
            <li key={`${endorsement.expert.displayName}-${endorsement.version}`} className="result-endorsement" data-stance={endorsement.stance}>
              <p className="result-endorsement__head">
                <span className="result-endorsement__name">{endorsement.expert.displayName}</span>
                <span className="result-endorsement__stance">{t(`result.stances.${endorsement.stance}`)}</span>
                <span className="result-endorsement__version">{t('result.onVersion', { number: endorsement.version })}</span>
              </p>
              {endorsement.note && <p lang={textLang(endorsement.note)} className="result-endorsement__note">{endorsement.note}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
