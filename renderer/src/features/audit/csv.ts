/**
 * The audit export as CSV, written page by page into Blob parts, so a million events never
 * become one string in memory. Pure: no DOM beyond Blob, no React; tests/unit/audit-csv.test.ts.
 */

export type CsvValue = string | number | null | undefined;

// Spreadsheets run a cell that starts with one of these as a formula (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One cell: text that a spreadsheet would run as a formula gets a leading apostrophe; quotes, commas and line breaks are quoted. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line, ended with CRLF as RFC 4180 has it. */
export function csvLine(cells: readonly CsvValue[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A page of a keyset-paged list. */
export interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}

/** Every page of a list, one request at a time, until the last page or `signal` aborts. */
export async function* allPages<Item>(fetchPage: (cursor: string | undefined) => Promise<Page<Item>>, signal?: AbortSignal): AsyncGenerator<Item[]> {
  let cursor: string | undefined;
  do {
    signal?.throwIfAborted();
    const page = await fetchPage(cursor);
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

export interface CsvExportOptions<Item> {
  header: readonly string[];
  pages: AsyncIterable<Item[]>;
  toCells(item: Item): CsvValue[];
  /** Rows written so far, after each page. */
  onProgress?(rows: number): void;
  signal?: AbortSignal;
  /** Pages of text gathered before they are folded into a Blob (the browser may keep a Blob on disk). */
  pagesPerBlob?: number;
}

const CSV_MEDIA_TYPE = 'text/csv;charset=utf-8';

/**
 * Writes the rows of every page into a Blob. A byte order mark first, so spreadsheet programs
 * read the file as UTF-8 (æ, ø, å). Rejects with the signal's reason when cancelled.
 */
export async function writeCsv<Item>({
  header,
  pages,
  toCells,
  onProgress,
  signal,
  pagesPerBlob = 20,
}: CsvExportOptions<Item>): Promise<{ blob: Blob; rows: number }> {
  const blobs: Blob[] = [];
  let pending: string[] = [`\uFEFF${csvLine(header)}`];
  let rows = 0;
  for await (const items of pages) {
    signal?.throwIfAborted();
    let text = '';
    for (const item of items) text += csvLine(toCells(item));
    pending.push(text);
    rows += items.length;
    if (pending.length >= pagesPerBlob) {
      blobs.push(new Blob(pending));
      pending = [];
    }
    onProgress?.(rows);
  }
  signal?.throwIfAborted();
  if (pending.length > 0) blobs.push(new Blob(pending));
  return { blob: new Blob(blobs, { type: CSV_MEDIA_TYPE }), rows };
}
