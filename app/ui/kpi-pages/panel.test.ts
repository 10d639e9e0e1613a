import { createElement, use, type ComponentProps, type ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Panel } from './panel';
import { BarSkeleton } from './panel-skeleton';

const never = new Promise<never>(() => {});
function Waiting(): null {
  use(never);
  return null;
}
/** A panel around a child, as the pages write it in JSX. */
const panel = (props: Omit<ComponentProps<typeof Panel>, 'children'>, child: ReactNode) =>
  createElement(Panel, props as ComponentProps<typeof Panel>, child);
const Ready = () => createElement('section', { 'aria-labelledby': 'x-h' }, 'ready');

describe('a KPI page panel', () => {
  it.each(['panel', 'stats'] as const)(
    'shows a %s skeleton marked busy, saying what it waits for',
    (skeleton) => {
      const html = renderToString(
        panel({ label: 'Loading the trend…', skeleton }, createElement(Waiting)),
      );
      expect(html).toContain('aria-busy="true"');
      expect(html).toContain('Loading the trend…');
    },
  );

  it('leaves nothing marked busy once its data is in', () => {
    const html = renderToString(panel({ label: 'Loading the trend…' }, createElement(Ready)));
    expect(html).toContain('ready');
    expect(html).not.toContain('aria-busy');
  });

  it('marks the filter bar’s place busy too', () => {
    expect(renderToString(createElement(BarSkeleton, { label: 'Loading the filters…' }))).toMatch(
      /aria-busy="true"/,
    );
  });
});
