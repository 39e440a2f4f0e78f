import { useId, useState, type ReactNode } from 'react';

type Props = {
  /** The button's text, for closed and open. */
  label: string;
  openLabel?: string;
  defaultOpen?: boolean;
  className?: string;
  /** Rendered only while open, so what it reads is asked for when wanted. */
  children: (close: () => void) => ReactNode;
};

/** A button that shows and hides a part of a card (aria-expanded), for forms and threads that would crowd the page. */
export function Disclosure({ label, openLabel, defaultOpen = false, className, children }: Props) {
  const [open, setOpen] = useState(defaultOpen);
  const id = useId();
  return (
    <div className={['disclosure', className].filter(Boolean).join(' ')} data-open={open || undefined}>
      <button type="button" className="disclosure__toggle" aria-expanded={open} aria-controls={id} onClick={() => setOpen((current) => !current)}>
        <span className="disclosure__icon" aria-hidden="true" />
        {open ? (openLabel ?? label) : label}
      </button>
      <div id={id} className="disclosure__body" hidden={!open}>
        {open && children(() => setOpen(false))}
      </div>
    </div>
  );
}
