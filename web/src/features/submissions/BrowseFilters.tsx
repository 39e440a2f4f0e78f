import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SubmissionSort } from '@city-spirit/shared';
import { districtListQuery } from '../../api/districts.ts';
import { DistrictOptions } from '../../ui/DistrictField.tsx';
import { SelectField } from '../../ui/Field.tsx';
import type { BrowseSearch } from './browseSearch.ts';

type Props = {
  search: BrowseSearch;
  sort: SubmissionSort;
  /** Absent where the order is fixed (one's own entries). */
  sorts: SubmissionSort[] | undefined;
  onChange: (changes: Partial<BrowseSearch>) => void;
};

/**
 * Search words apply when submitted; the order and the district as soon as they are chosen.
 * Render it keyed by the search in the address, so going back and forth shows the words searched for.
 */
export function BrowseFilters({ search, sort, sorts, onChange }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState(search.q ?? '');
  // Read here too, so the select is drawn again (with the district chosen) once its options arrive.
  const districts = useQuery(districtListQuery());
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onChange({ q: q.trim() || undefined });
  };
  return (
    <form role="search" className="browse-filters" aria-label={t('browse.filtersLabel')} onSubmit={submit}>
      <div className="field browse-filters__search">
        <label className="field__label" htmlFor="browse-q">
          {t('browse.searchLabel')}
        </label>
        <p id="browse-q-hint" className="field__hint">
          {t('browse.searchHint')}
        </p>
        <div className="search-box">
          <input
            id="browse-q"
            name="q"
            type="search"
            className="input search-box__input"
            enterKeyHint="search"
            maxLength={100}
            aria-describedby="browse-q-hint"
            value={q}
            onChange={(event) => setQ(event.target.value)}
          />
          <button type="submit" className="button search-box__button">
            <svg className="button__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
              <circle cx="8.5" cy="8.5" r="5.5" />
              <path d="m13 13 4.5 4.5" />
            </svg>
            {t('browse.searchButton')}
          </button>
        </div>
      </div>
      <div className="browse-filters__selects">
        {sorts && (
          <SelectField id="browse-sort" label={t('browse.sortLabel')} value={sort} onValueChange={(value) => onChange({ sort: value as SubmissionSort })}>
            {sorts.map((option) => (
              <option key={option} value={option}>
                {t(`browse.sorts.${option}`)}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField
          id="browse-district"
          label={t('browse.districtLabel')}
          value={search.district ?? ''}
          onValueChange={(value) => onChange({ district: value || undefined })}
          aria-busy={districts.isPending || undefined}
        >
          <DistrictOptions noneLabel={t('browse.allDistricts')} />
        </SelectField>
      </div>
    </form>
  );
}
