import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { STAGES, stageAllows, type Criterion, type StageAction } from '@city-spirit/shared';

/** A criterion's name and description in the reader's language (they come from the campaign's settings). */
export function useCriterionText() {
  const { i18n } = useTranslation();
  const english = (i18n.resolvedLanguage ?? i18n.language) === 'en';
  return useMemo(
    () => ({
      name: (criterion: Criterion) => (english ? criterion.nameEn : criterion.nameZh),
      description: (criterion: Criterion) => (english ? (criterion.descriptionEn ?? criterion.description) : criterion.description),
    }),
    [english],
  );
}

/** Scores with one decimal, as "4.3", in the reader's locale. */
export function useScoreFormat(): (value: number) => string {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const format = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    return (value: number) => format.format(value);
  }, [locale]);
}

/** The names of the stages that allow an action, as the stage rules say ("refine"), for "opens in …". */
export function useStagesAllowing(): (action: StageAction) => string {
  const { t } = useTranslation();
  return (action) =>
    STAGES.filter((stage) => stageAllows(stage, action))
      .map((stage) => t(`stages.${stage}.name`))
      .join(t('panel.stage.stageSeparator'));
}
