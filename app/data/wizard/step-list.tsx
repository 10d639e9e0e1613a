/** The wizard's steps, the current one marked for screen readers too (aria-current). */
import { stepLabels } from './labels';
import wizard from './wizard.module.css';

export function StepList({ current, loaded }: { current: number; loaded: boolean }) {
  return (
    <ol className={wizard.steps} aria-label="Steps">
      {stepLabels.map((label, i) => (
        <li
          key={label}
          aria-current={i === current ? 'step' : undefined}
          data-state={i < current || (i === 3 && loaded) ? 'done' : undefined}
        >
          {label}
        </li>
      ))}
    </ol>
  );
}
