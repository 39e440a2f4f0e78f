import { queryOptions } from '@tanstack/react-query';
import { districtListSchema, type District, type Locale } from '@city-spirit/shared';
import { getJson } from './client.ts';

/** Chongqing's 38 districts and counties change about once a decade. */
export function districtListQuery() {
  return queryOptions({
    queryKey: ['districts'] as const,
    queryFn: ({ signal }) => getJson('/api/districts', districtListSchema, signal),
    staleTime: Infinity,
    select: (list) => list.items,
  });
}

export function districtName(district: District, locale: Locale): string {
  return locale === 'en' ? district.nameEn : district.nameZh;
}
