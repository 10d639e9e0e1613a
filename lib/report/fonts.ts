import 'server-only';
/**
 * The one font of the reports, from the dejavu-fonts-ttf package, so the PDF and PNG render the
 * same on any machine (no system fonts needed) and names outside Latin-1 still print.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

export { FONT_FAMILY } from './font-family';

const require = createRequire(import.meta.url);
const fontDir = () =>
  path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const fontFiles = () => ({
  regular: path.join(fontDir(), 'DejaVuSans.ttf'),
  bold: path.join(fontDir(), 'DejaVuSans-Bold.ttf'),
});
