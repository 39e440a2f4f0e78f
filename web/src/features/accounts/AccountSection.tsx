import { useId, type ReactNode } from 'react';

type Props = { heading: string; intro?: string; tone?: 'danger'; children: ReactNode };

/** One part of the account page: a panel with its own heading. */
export function AccountSection({ heading, intro, tone, children }: Props) {
  const headingId = useId();
  return (
    <section className={tone ? `panel account-section account-section--${tone}` : 'panel account-section'} aria-labelledby={headingId}>
      <h2 id={headingId} className="account-section__heading">
        {heading}
      </h2>
      {intro && <p className="account-section__intro">{intro}</p>}
      {children}
    </section>
  );
}
