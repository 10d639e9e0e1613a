import { useEffect, useRef, useState } from 'react';
import { plausibleDay } from './period-presets';

export interface DateFieldProps {
  id: string;
  label: string;
  name: string;
  value: string | undefined;
  min?: string | null;
  max?: string | null;
  onCommit: (value: string) => void;
  /** Typing a date fires a change per keystroke (01-31, then 11-30…): wait until the user pauses. */
  commitDelay?: number;
  className?: string;
  inputClassName?: string;
}

const COMMIT_AFTER_MS = 800;

/** A date, applied when typing pauses, on leaving the field, or on Enter. */
export function DateField({
  id,
  label,
  name,
  value,
  min,
  max,
  onCommit,
  commitDelay = COMMIT_AFTER_MS,
  className,
  inputClassName,
}: DateFieldProps) {
  const [draft, setDraft] = useState(value ?? '');
  const [shown, setShown] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** The date last applied, and the URL's date it replaced. */
  const committed = useRef<{ date: string; over: string } | undefined>(undefined);
  // The URL changed (a preset, Clear all, back/forward): show its date.
  if (shown !== value) {
    setShown(value);
    setDraft(value ?? '');
  }
  useEffect(() => () => clearTimeout(timer.current), []);

  /** Whether the date was applied (it changed and is a whole, plausible day or empty). */
  function commit(next: string): boolean {
    clearTimeout(timer.current);
    const over = value ?? '';
    // A repeat of the date just applied while its URL is on the way; once the URL has moved on
    // (Back, a preset), the same date is a new choice again.
    const repeat = committed.current?.date === next && committed.current.over === over;
    if (next === over || repeat) return false;
    if (next && !plausibleDay(next)) return false;
    committed.current = { date: next, over };
    onCommit(next);
    return true;
  }

  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className={inputClassName}
        type="date"
        name={name}
        value={draft}
        min={min ?? undefined}
        max={max ?? undefined}
        onChange={(e) => {
          const next = e.target.value;
          setDraft(next);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => commit(next), commitDelay);
        }}
        onBlur={() => commit(draft)}
        onKeyDown={(e) => {
          // Enter applies a changed date; otherwise it submits the form as in any field.
          if (e.key === 'Enter' && commit(draft)) e.preventDefault();
        }}
      />
    </div>
  );
}
