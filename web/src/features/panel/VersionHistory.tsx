import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Draft, DraftVersion, TextChange } from '@city-spirit/shared';
import { characterCount } from '@city-spirit/shared';
import { useLocaleFormat } from '../../i18n/format.ts';
import { useRelativeTime } from '../../i18n/relativeTime.ts';
import { SelectField } from '../../ui/Field.tsx';
import { textLang } from '../../ui/entryText.ts';
import { useDraftDiff } from './api/getDraftDiff.ts';
import { useDraftVersions } from './api/listDraftVersions.ts';
import { SourceList } from './DraftFacts.tsx';

type Pair = { from: number; to: number };

/** The draft's versions, newest first, and the difference between any two the reader picks (the last two to begin with). */
export function VersionHistory({ draft, phrases }: { draft: Draft; phrases: Map<string, string> }) {
  const { t } = useTranslation();
  const query = useDraftVersions(draft.id);
  const [chosen, setChosen] = useState<Pair | null>(null);
  const versions = query.data?.items ?? [];
  const latest = versions.at(-1)?.number ?? draft.version;
  const pair = chosen ?? { from: Math.max(1, latest - 1), to: latest };
  return (
    <section className="versions" aria-labelledby="versions-heading">
      <h3 id="versions-heading" className="versions__heading">
        {t('panel.versions.heading')}
      </h3>
      {query.isPending ? (
        <p role="status">
          <span className="spinner" aria-hidden="true" /> {t('panel.versions.loading')}
        </p>
      ) : query.isError ? (
        <p className="inline-error" role="alert">
          {t('panel.versions.failed')}{' '}
          <button type="button" className="link-button" onClick={() => void query.refetch()}>
            {t('error.retry')}
          </button>
        </p>
      ) : (
        <>
          {versions.length > 1 ? (
            <VersionDiff draftId={draft.id} versions={versions} pair={pair} onChoose={setChosen} />
          ) : (
            <p className="versions__single">{t('panel.versions.single')}</p>
          )}
          <ol className="version-list" reversed>
            {[...versions].reverse().map((version) => (
              <VersionItem
                key={version.number}
                version={version}
                phrases={phrases}
                current={version.number === latest}
                onCompare={version.number > 1 ? () => setChosen({ from: version.number - 1, to: version.number }) : undefined}
              />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

type ItemProps = { version: DraftVersion; phrases: Map<string, string>; current: boolean; onCompare: (() => void) | undefined };

function VersionItem({ version, phrases, current, onCompare }: ItemProps) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const time = useRelativeTime();
  return (
    <li className="version" data-current={current || undefined}>
      <p className="version__meta">
        <strong className="version__number">{t('panel.versions.number', { number: format.number(version.number) })}</strong>
        {current && <span className="version__current">{t('panel.versions.current')}</span>}
        <span>{version.author.displayName}</span>
        <time dateTime={version.createdAt}>{time(version.createdAt)}</time>
      </p>
      <p className="version__text" lang={textLang(version.text)}>
        {version.text}
      </p>
      <p className="version__rationale" lang={textLang(version.rationale)}>
        <span className="version__label">{t('panel.versions.rationale')}</span>
        {version.rationale}
      </p>
      <div className="version__sources">
        <span className="version__label">{t('panel.versions.sources')}</span>
        <SourceList ids={version.sourceSubmissionIds} phrases={phrases} />
      </div>
      {onCompare && (
        <button type="button" className="link-button" onClick={onCompare}>
          {t('panel.versions.compareWithPrevious', { number: format.number(version.number - 1) })}
        </button>
      )}
    </li>
  );
}

type DiffProps = { draftId: string; versions: DraftVersion[]; pair: Pair; onChoose: (pair: Pair) => void };

function VersionDiff({ draftId, versions, pair, onChoose }: DiffProps) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const id = useId();
  const same = pair.from === pair.to;
  const query = useDraftDiff(draftId, pair.from, pair.to, !same);
  const options = versions.map((version) => (
    <option key={version.number} value={version.number}>
      {t('panel.versions.number', { number: format.number(version.number) })}
    </option>
  ));
  const changes = query.data && query.data.from === pair.from && query.data.to === pair.to ? query.data.changes : undefined;
  return (
    <div className="draft-diff">
      <h4 className="draft-diff__heading">{t('panel.diff.heading')}</h4>
      <div className="draft-diff__choose">
        <SelectField id={`${id}-from`} label={t('panel.diff.from')} value={String(pair.from)} onValueChange={(value) => onChoose({ ...pair, from: Number(value) })}>
          {options}
        </SelectField>
        <SelectField id={`${id}-to`} label={t('panel.diff.to')} value={String(pair.to)} onValueChange={(value) => onChoose({ ...pair, to: Number(value) })}>
          {options}
        </SelectField>
      </div>
      <div className="draft-diff__result" aria-live="polite" aria-busy={query.isFetching || undefined}>
        {same ? (
          <p className="draft-diff__note">{t('panel.diff.same')}</p>
        ) : query.isError ? (
          <p className="inline-error">{t('panel.diff.failed')}</p>
        ) : changes ? (
          <DiffText changes={changes} from={pair.from} to={pair.to} />
        ) : (
          <p className="draft-diff__note">
            <span className="spinner" aria-hidden="true" /> {t('panel.diff.loading')}
          </p>
        )}
      </div>
      <p className="draft-diff__legend" aria-hidden="true">
        <ins className="diff-run">{t('panel.diff.legendAdded')}</ins>
        <del className="diff-run">{t('panel.diff.legendRemoved')}</del>
      </p>
    </div>
  );
}

/** Unchanged, added and removed runs in order; added and removed marked by colour, by underline or strike-through, and in words for screen readers. */
function DiffText({ changes, from, to }: { changes: TextChange[]; from: number; to: number }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const added = changes.filter((change) => change.added).reduce((sum, change) => sum + characterCount(change.value), 0);
  const removed = changes.filter((change) => change.removed).reduce((sum, change) => sum + characterCount(change.value), 0);
  const text = changes.map((change) => change.value).join('');
  return (
    <>
      <p className="draft-diff__summary">
        {added + removed === 0
          ? t('panel.diff.noChange', { from: format.number(from), to: format.number(to) })
          : t('panel.diff.summary', { from: format.number(from), to: format.number(to), added: format.number(added), removed: format.number(removed) })}
      </p>
      <p className="draft-diff__text" lang={textLang(text)}>
        {changes.map((change, index) =>
          change.added ? (
            <ins key={index} className="diff-run">
              <span className="visually-hidden">{t('panel.diff.addedStart')}</span>
              {change.value}
              <span className="visually-hidden">{t('panel.diff.addedEnd')}</span>
            </ins>
          ) : change.removed ? (
            <del key={index} className="diff-run">
              <span className="visually-hidden">{t('panel.diff.removedStart')}</span>
              {change.value}
              <span className="visually-hidden">{t('panel.diff.removedEnd')}</span>
            </del>
          ) : (
            <span key={index}>{change.value}</span>
          ),
        )}
      </p>
    </>
  );
}
