import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { District } from '@city-spirit/shared';
import { districtListQuery, districtName } from '../api/districts.ts';
import { currentLocale } from '../i18n/index.ts';
import { SelectField } from './Field.tsx';

const KINDS = ['district', 'county', 'autonomous_county'] as const satisfies readonly District['kind'][];

type Props = {
  id: string;
  value: string;
  onValueChange: (code: string) => void;
  error?: string | undefined;
  label?: string;
  hint?: string;
};

/** Chongqing's 38 districts and counties, grouped by kind, named in the reader's language; choosing none is fine. */
export function DistrictField({ id, value, onValueChange, error, label, hint }: Props) {
  const { t } = useTranslation();
  const districts = useQuery(districtListQuery());
  return (
    <SelectField
      id={id}
      label={label ?? t('fields.district.label')}
      hint={hint ?? t('fields.district.hint')}
      optional
      error={error}
      value={value}
      onValueChange={onValueChange}
      aria-busy={districts.isPending || undefined}
    >
      <DistrictOptions noneLabel={t('fields.district.none')} />
    </SelectField>
  );
}

/** The options of a district select: first "none" (or "all"), then the districts grouped by kind. */
export function DistrictOptions({ noneLabel }: { noneLabel: string }) {
  const { t } = useTranslation();
  const districts = useQuery(districtListQuery());
  const locale = currentLocale();
  return (
    <>
      <option value="">{districts.isPending ? t('fields.district.loading') : noneLabel}</option>
      {KINDS.map((kind) => {
        const inGroup = districts.data?.filter((district) => district.kind === kind) ?? [];
        if (inGroup.length === 0) return null;
        return (
          <optgroup key={kind} label={t(`fields.district.groups.${kind}`)}>
            {inGroup.map((district) => (
              <option key={district.code} value={district.code}>
                {districtName(district, locale)}
              </option>
            ))}
          </optgroup>
        );
      })}
    </>
  );
}

/** A district's name in the reader's language, once the list has loaded. */
export function useDistrictName(): (code: string | null) => string | undefined {
  const districts = useQuery(districtListQuery());
  const locale = currentLocale();
  return (code) => {
    if (!code) return undefined;
    const district = districts.data?.find((candidate) => candidate.code === code);
    return district ? districtName(district, locale) : undefined;
  };
}
