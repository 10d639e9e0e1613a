/** The frame both "why it moved" panels share: the section, and the "what would it take" note. */
import type { ReactNode } from 'react';
import { rangeText } from './explain-words';

export function WhyMovedSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="panel" id="why-moved" aria-labelledby="why-moved-h">
      <h2 id="why-moved-h">{title}</h2>
      {children}
    </section>
  );
}

/** The shortfall to the target or the next band, in the explained period. */
export function WhatItTakesNote({
  takes,
  range,
}: {
  takes: { text: string } | null | undefined;
  range: { from: string; to: string };
}) {
  if (!takes) return null;
  return (
    <>
      <h3>What would it take</h3>
      <p data-testid="what-it-takes">
        {takes.text} (In {rangeText(range.from, range.to)}.)
      </p>
    </>
  );
}
