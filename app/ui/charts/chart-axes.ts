/** The look every chart's axes and grid share: muted tick labels, border-coloured lines. */
export const axis = {
  tick: { fill: 'var(--muted)', fontSize: 12 },
  stroke: 'var(--border)',
  tickLine: false,
} as const;

/** A category axis whose tick labels name the bars: in the text colour. */
export const labelAxis = { ...axis, tick: { fill: 'var(--text)', fontSize: 12 } } as const;

/** Dashed grid lines. */
export const grid = { stroke: 'var(--border)', strokeDasharray: '3 3' } as const;
