import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Outcome = 'copied' | 'copyFailed' | null;
const CONFIRMATION_MS = 4000;

/** The phone's share sheet where there is one; elsewhere the link is copied, and the page says so. `text` goes with the link. */
export function ShareButton({ title, text, url }: { title: string; text: string; url: string }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const fallbackInput = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const canShare = typeof navigator.share === 'function';

  useEffect(() => {
    if (outcome !== 'copied') return;
    const timer = window.setTimeout(() => setOutcome(null), CONFIRMATION_MS);
    return () => window.clearTimeout(timer);
  }, [outcome]);

  useEffect(() => {
    if (outcome === 'copyFailed') fallbackInput.current?.select();
  }, [outcome]);

  async function share() {
    if (canShare) {
      try {
        await navigator.share({ title, text, url });
        return;
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') return; // closed the share sheet
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      setOutcome('copied');
    } catch {
      setOutcome('copyFailed');
    }
  }

  return (
    <div className="share">
      <button type="button" className="button button--secondary share__button" onClick={() => void share()}>
        <svg className="button__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <circle cx="15" cy="4.5" r="2.5" />
          <circle cx="5" cy="10" r="2.5" />
          <circle cx="15" cy="15.5" r="2.5" />
          <path d="m7.2 8.8 5.6-3.1M7.2 11.2l5.6 3.1" />
        </svg>
        {canShare ? t('entry.share') : t('entry.copyLink')}
      </button>
      <p className="share__status" role="status">
        {outcome === 'copied' ? t('entry.copied') : ''}
      </p>
      {outcome === 'copyFailed' && (
        <div className="share__fallback">
          <label htmlFor={inputId} className="field__hint">
            {t('entry.copyManually')}
          </label>
          <input id={inputId} ref={fallbackInput} className="input" readOnly value={url} />
        </div>
      )}
    </div>
  );
}
