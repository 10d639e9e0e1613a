import 'server-only';
/**
 * The one font of the reports, from the dejavu-fonts-ttf package, so the PDF and PNG render the
 * same on any machine (no system fonts needed) and names outside Latin-1 still print.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export { FONT_FAMILY } from './font-family';

const FONT_PACKAGE = path.join('node_modules', 'dejavu-fonts-ttf', 'ttf');

/**
 * Found by walking up from the working folder, then from this module: `require.resolve` would be
 * rewritten by the server bundler into a module number, which is not a path.
 */
function fontDir(): string {
  const starts = [process.cwd()];
  try {
    starts.push(path.dirname(new URL(import.meta.url).pathname));
  } catch {
    // No file URL inside a bundle: the working folder has to do.
  }
  for (const start of starts) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, FONT_PACKAGE);
      if (existsSync(candidate)) return candidate;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error('The report font (dejavu-fonts-ttf) is not installed: run npm ci.');
}

let cached: string | undefined;

export const fontFiles = () => {
  cached ??= fontDir();
  return {
    regular: path.join(cached, 'DejaVuSans.ttf'),
    bold: path.join(cached, 'DejaVuSans-Bold.ttf'),
  };
};
