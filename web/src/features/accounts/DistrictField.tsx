import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { District } from '@city-spirit/shared';
import { districtListQuery, districtName } from '../../api/districts.ts';
import { currentLocale } from '../../i18n/index.ts';
import { SelectField } from '../../ui/Field.tsx';

const KINDS = ['district', 'county', 'autonomous_county'] as const satisfies readonly District['kind'][];

type Props = { id: string; value: string; onValueChange: (code: string) => void; error?: string | undefined };

/** Chongqing's 38 districts and counties, grouped by kind, named in the reader's language; choosing none is fine. */
export function DistrictField({ id, value, onValueChange, error }: Props) {
  const { t } = useTranslation();
  const districts = useQuery(districtListQuery());
  const locale = currentLocale();
  return (
    <SelectField
      id={id}
      label={t('fields.district.label')}
      hint={t('fields.district.hint')}
      optional
      error={error}
      value={value}
      onValueChange={onValueChange}
      aria-busy={districts.isPending || undefined}
    >
      <option value="">{districts.isPending ? t('fields.district.loading') : t('fields.district.none')}</option>
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
    </SelectField>
  );
}
