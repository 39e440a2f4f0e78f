import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { characterCount, PHRASE_MIN_LENGTH, type SimilarPhrase } from '@city-spirit/shared';
import { useLocaleFormat } from '../../i18n/format.ts';
import { paths } from '../../paths.ts';
import { useDebouncedValue } from '../../ui/useDebouncedValue.ts';
import { similarPhrasesQuery } from './api/similarPhrases.ts';
import { textLang } from '../../ui/entryText.ts';

/** Looks up similar entries once typing pauses this long. */
const TYPING_PAUSE_MS = 300;
/** From here on a suggestion is marked as very close to the phrase typed; at 1 it is the same phrase. */
const VERY_SIMILAR = 0.75;

/**
 * While a resident types a phrase, the entries already in that are most like it, each with a way
 * to support it instead. The status line is a live region: it says how many were found, once per pause.
 */
export function SimilarPhrases({ slug, phrase }: { slug: string; phrase: string }) {
  const { t } = useTranslation();
  const text = useDebouncedValue(phrase.trim(), TYPING_PAUSE_MS);
  const enabled = characterCount(text) >= PHRASE_MIN_LENGTH && characterCount(phrase.trim()) >= PHRASE_MIN_LENGTH;
  const similar = useQuery({ ...similarPhrasesQuery(slug, text), enabled });
  const items = enabled ? (similar.data ?? []) : [];

  let status = '';
  if (enabled) {
    if (similar.isError) status = t('submit.similar.failed');
    else if (similar.data === undefined) status = t('submit.similar.searching');
    else status = items.length > 0 ? t('submit.similar.found', { count: items.length }) : t('submit.similar.none');
  }

  return (
    <div className="similar" data-state={items.length > 0 ? 'found' : undefined} aria-busy={similar.isFetching || undefined}>
      <p className="similar__status" role="status">
        {status}
      </p>
      {items.length > 0 && (
        <>
          <ul className="similar__list">
            {items.map((item) => (
              <SimilarItem key={item.id} item={item} />
            ))}
          </ul>
          <p className="similar__advice">{t('submit.similar.advice')}</p>
        </>
      )}
    </div>
  );
}

function SimilarItem({ item }: { item: SimilarPhrase }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const percent = Math.round(item.similarity * 100);
  return (
    <li className="similar__item">
      <p className="similar__phrase">
        <span lang={textLang(item.phrase)}>{item.phrase}</span>
        {item.similarity >= VERY_SIMILAR && (
          <span className="similar__close">{item.similarity >= 1 ? t('submit.similar.same') : t('submit.similar.veryClose')}</span>
        )}
      </p>
      <div className="similar__score">
        <span className="similarity-bar" aria-hidden="true">
          <span className="similarity-bar__fill" style={{ width: `${percent}%` }} />
        </span>
        <span className="similar__percent">{t('submit.similar.similarity', { percent: format.percent(item.similarity) })}</span>
      </div>
      {/* Named with its phrase, so each of the links says which entry it opens. */}
      <Link to={paths.entry(item.id)} className="similar__support" aria-label={t('submit.similar.supportLabel', { phrase: item.phrase })}>
        {t('submit.similar.support')}
        <svg className="similar__support-icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <path d="M4 10h11m-4.5-4.5L15 10l-4.5 4.5" />
        </svg>
      </Link>
    </li>
  );
}
