import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { drawPoster, posterBlob, type PosterContent } from './poster.ts';

type State = 'idle' | 'drawing' | 'done' | 'failed';

/** How long the poster's address stays valid after its download started. */
const URL_LIFETIME_MS = 60_000;

/** Draws the poster on a canvas and downloads it as a PNG. */
export function PosterButton({ content, fileName }: { content: PosterContent; fileName: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>('idle');
  const timers = useRef<number[]>([]);
  useEffect(() => () => timers.current.forEach((timer) => window.clearTimeout(timer)), []);

  async function makePoster() {
    if (state === 'drawing') return;
    setState('drawing');
    try {
      const canvas = document.createElement('canvas');
      await drawPoster(canvas, content);
      const url = URL.createObjectURL(await posterBlob(canvas));
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      timers.current.push(window.setTimeout(() => URL.revokeObjectURL(url), URL_LIFETIME_MS));
      setState('done');
    } catch {
      setState('failed');
    }
  }

  return (
    <div className="poster-button">
      <button type="button" className="button button--secondary" aria-disabled={state === 'drawing' || undefined} onClick={() => void makePoster()}>
        <svg className="button__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <rect x="4" y="2.5" width="12" height="15" rx="1.5" />
          <path d="M7 7h6M7 10h6M7 13h3" />
        </svg>
        {state === 'drawing' ? t('result.poster.drawing') : t('result.poster.button')}
      </button>
      <p className="poster-button__status" role="status">
        {state === 'done' ? t('result.poster.done') : state === 'failed' ? t('result.poster.failed') : ''}
      </p>
    </div>
  );
}
