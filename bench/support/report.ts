import { writeFile } from 'node:fs/promises';
import { z } from 'zod';

/** One measured figure, with the target next to it when there is one. */
export const Figure = z.object({
  benchmark: z.string(),
  label: z.string(),
  value: z.number(),
  unit: z.string(),
  /** `min`: at least `value`; `max`: under `value`. */
  target: z.object({ kind: z.enum(['min', 'max']), value: z.number() }).optional(),
  note: z.string().optional(),
});
export type Figure = z.infer<typeof Figure>;

export const FigureFile = z.object({ figures: z.array(Figure), notes: z.array(z.string()) });

/** 23400 → "23 400"; fractions keep `digits` decimals. */
export function fmt(value: number, digits = 0): string {
  const fixed = value.toFixed(digits);
  const [whole = '', fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

export const mib = (bytes: number) => bytes / (1024 * 1024);

export function meets(figure: Figure): boolean | null {
  if (!figure.target) return null;
  return figure.target.kind === 'min' ? figure.value >= figure.target.value : figure.value < figure.target.value;
}

export function describeTarget(figure: Figure): string {
  if (!figure.target) return '';
  const digits = figure.target.value < 10 ? 1 : 0;
  return `${figure.target.kind === 'min' ? '≥' : '<'} ${fmt(figure.target.value, digits)}`;
}

/** The fraction `p` (0–1) of sorted values, nearest rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** Where run-all asked a benchmark to leave its figures (--json). */
export async function saveFigures(path: string | undefined, figures: Figure[], notes: string[]): Promise<void> {
  if (path === undefined) return;
  await writeFile(path, JSON.stringify({ figures, notes }, null, 2));
}

export function printFigures(figures: readonly Figure[]): void {
  const rows = figures.map((figure) => {
    const digits = Math.abs(figure.value) < 10 ? 2 : 0;
    const ok = meets(figure);
    return [
      figure.label,
      `${fmt(figure.value, digits)} ${figure.unit}`,
      figure.target ? `target ${describeTarget(figure)}` : '',
      ok === null ? '' : ok ? 'met' : 'MISSED',
      figure.note ?? '',
    ];
  });
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  for (const row of rows) {
    console.log(`  ${row.map((cell, column) => (column < 4 ? cell.padEnd(widths[column] ?? 0) : cell)).join('  ')}`.trimEnd());
  }
}
