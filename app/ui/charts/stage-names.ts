/**
 * The cycle's stages by name, for the chart and the tables beside it. Apart from stage-bar.tsx, a
 * client module, whose exports reach a server component as references, not as values.
 */
export const stageNames: Record<'entry' | 'release' | 'ship' | 'delivery', string> = {
  entry: 'Entry',
  release: 'Release',
  ship: 'Pick, pack & ship',
  delivery: 'Delivery',
};
