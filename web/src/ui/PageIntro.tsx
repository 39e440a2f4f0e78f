import type { ReactNode } from 'react';

type Props = { eyebrow?: string; title: string; intro?: ReactNode; children?: ReactNode };

/** The top of a page: what it is and what it is for, on the same warm band as the campaign's hero. */
export function PageIntro({ eyebrow, title, intro, children }: Props) {
  return (
    <div className="page-header">
      <div className="container page-header__body">
        {eyebrow && <p className="page-header__eyebrow">{eyebrow}</p>}
        <h1 className="page-header__title">{title}</h1>
        {intro && <p className="page-header__intro">{intro}</p>}
        {children}
      </div>
    </div>
  );
}
