/**
 * Notes on dates, without the database: what a note is, the rules an input must meet, and which
 * periods of a trend a note covers. Pure, so the trend chart (a client component) and the report
 * renderers share it with lib/annotations/annotations.ts.
 */
import { z } from 'zod';
import { isoDate } from '@/lib/model/iso-date';
import { periodEnd, type PeriodGrain } from '@/lib/model/periods';

export type Annotation = {
  id: string;
  /** First day the note covers, YYYY-MM-DD. */
  from: string;
  /** Last day it covers, inclusive; the same as from for a single day. */
  to: string;
  note: string;
  /** The KPI the note is about; null: every KPI. */
  kpi: string | null;
  createdAt: string;
  createdBy: string | null;
};

export const NOTE_MAX = 280;

/** A note as it is added: 1–280 characters over a valid range of days, from ≤ to. */
export const annotationInputSchema = z
  .object({
    from: isoDate,
    /** Defaults to from: a single day. */
    to: isoDate.optional(),
    note: z
      .string()
      .trim()
      .min(1, 'Write a note.')
      .max(NOTE_MAX, `A note is at most ${NOTE_MAX} characters.`),
    kpi: z
      .string()
      .trim()
      .max(100)
      .nullish()
      .transform((v) => v || null),
  })
  .strict()
  .refine((a) => !a.to || a.from <= a.to, {
    message: 'The note must not end before it starts.',
    path: ['to'],
  })
  .transform((a) => ({ ...a, to: a.to ?? a.from }));
export type AnnotationInput = z.input<typeof annotationInputSchema>;

/** Whether a note covers any day of [from, to] (either end open). */
export function overlaps(note: Pick<Annotation, 'from' | 'to'>, from?: string, to?: string) {
  return (!to || note.from <= to) && (!from || note.to >= from);
}

/** A note's days in words: "2024-03-04" or "2024-03-04 to 2024-03-10". */
export function noteDays(note: Pick<Annotation, 'from' | 'to'>): string {
  return note.from === note.to ? note.from : `${note.from} to ${note.to}`;
}

/** A note as one line of a list: its days, what it is about, and the note. */
export function noteLine(note: Annotation, kpiName?: (id: string) => string): string {
  const about = note.kpi ? (kpiName?.(note.kpi) ?? note.kpi) : 'all KPIs';
  return `${noteDays(note)} (${about}): ${note.note}`;
}

/** A note placed on a trend: its number (1, 2, …) and the first and last period it covers. */
export interface PlacedNote {
  number: number;
  annotation: Annotation;
  firstPeriod: string;
  lastPeriod: string;
}

/**
 * The notes that cover a period of the trend (periods are their first days, sorted), numbered in
 * order of their first day; a note that falls outside every period is left out.
 */
export function placeNotes(
  notes: readonly Annotation[],
  periods: readonly string[],
  grain: PeriodGrain,
): PlacedNote[] {
  const spans = periods.map((p) => ({ start: p, end: periodEnd(p, grain) }));
  const placed: Omit<PlacedNote, 'number'>[] = [];
  const ordered = [...notes].sort(
    (a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.id.localeCompare(b.id),
  );
  for (const annotation of ordered) {
    // A period covers [start, end): the note touches it when it starts before its end and ends on
    // or after its start.
    const covered = spans.filter((s) => annotation.from < s.end && annotation.to >= s.start);
    if (covered.length)
      placed.push({
        annotation,
        firstPeriod: covered[0]!.start,
        lastPeriod: covered.at(-1)!.start,
      });
  }
  return placed.map((p, i) => ({ ...p, number: i + 1 }));
}

/** The numbers of the notes that cover one period, for a table's "Notes" column. */
export function notesOfPeriod(placed: readonly PlacedNote[], period: string): PlacedNote[] {
  return placed.filter((p) => p.firstPeriod <= period && period <= p.lastPeriod);
}

/** One mark on a trend: the notes on the same periods share it ("1, 2"). */
export interface NoteMark {
  first: string;
  last: string;
  numbers: number[];
}

export function noteMarks(
  placed: readonly Pick<PlacedNote, 'firstPeriod' | 'lastPeriod' | 'number'>[],
): NoteMark[] {
  const marks = new Map<string, NoteMark>();
  for (const p of placed) {
    const key = `${p.firstPeriod}/${p.lastPeriod}`;
    const mark = marks.get(key) ?? { first: p.firstPeriod, last: p.lastPeriod, numbers: [] };
    mark.numbers.push(p.number);
    marks.set(key, mark);
  }
  return [...marks.values()];
}
