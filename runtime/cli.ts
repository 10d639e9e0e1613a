/** The composition root of the command line: the engine created, then the command run. */
import './engine';
export { main } from '@/lib/cli/main';
