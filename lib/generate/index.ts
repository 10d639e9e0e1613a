/** The extract generator's public surface (server only: it writes files). */
import 'server-only';

export { generateExtracts, type GenerateOptions, type GenerateResult } from './generate';
export { reasonCodeCategories } from './catalogue';
