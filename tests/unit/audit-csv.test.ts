import { describe, expect, it } from 'vitest';
import { allPages, csvCell, csvLine, writeCsv, type Page } from '../../renderer/src/features/audit/csv.ts';
import { AUDIT_CSV_HEADER, auditCsvCells, countsText } from '../../renderer/src/features/audit/audit-export.ts';
import type { AuditEventView } from '../../shared/contract/audit.ts';

describe('CSV cells', () => {
  it('quotes commas, quotes and line breaks, and leaves plain text alone', () => {
    expect(csvCell('Ola Nordmann')).toBe('Ola Nordmann');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hei"')).toBe('"say ""hei"""');
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
    expect(csvCell('cr\r\nlf')).toBe('"cr\r\nlf"');
    expect(csvCell(' padded')).toBe('" padded"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(2500)).toBe('2500');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('keeps spreadsheets from running a cell as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell('+47 900 00 000')).toBe("'+47 900 00 000");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('a=b')).toBe('a=b');
    // Numbers are numbers, not text a spreadsheet could misread.
    expect(csvCell(-1)).toBe('-1');
  });

  it('ends lines with CRLF', () => {
    expect(csvLine(['a', 1, null, 'b,c'])).toBe('a,1,,"b,c"\r\n');
  });
});

const event = (index: number): AuditEventView => ({
  id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
  occurredAt: new Date(Date.UTC(2026, 0, 1) + index * 1000).toISOString(),
  orgId: '10000000-0000-4000-8000-000000000001',
  integrationId: index % 2 === 0 ? '20000000-0000-4000-8000-000000000001' : null,
  type: 'sync_run',
  actor: { kind: 'engine', id: null, label: 'Sync engine' },
  runId: null,
  summary: `Full sync finished: ${index} new, "quoted", =danger`,
  counts: { seen: index, created: 1 },
  outcome: 'ok',
  errorCode: null,
  errorCategory: null,
  detail: null,
});

/** The file's text with its byte order mark kept (Blob.text() drops it). */
const read = async (blob: Blob) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob.arrayBuffer());

const names = { organization: () => 'Norsk Friluftslag', integration: (id: string | null) => (id ? 'Cornerstone' : '') };

/** A fake keyset list of `total` events, `limit` a page. */
function fakeList(total: number, limit: number) {
  const requests: Array<string | undefined> = [];
  const fetchPage = async (cursor: string | undefined): Promise<Page<AuditEventView>> => {
    requests.push(cursor);
    const start = cursor === undefined ? 0 : Number(cursor);
    const end = Math.min(total, start + limit);
    return { items: Array.from({ length: end - start }, (_, i) => event(start + i)), nextCursor: end < total ? String(end) : null };
  };
  return { fetchPage, requests };
}

describe('the audit export', () => {
  it('writes a header and one row per event over many pages, reporting progress after each', async () => {
    const list = fakeList(1_050, 100);
    const progress: number[] = [];
    const { blob, rows } = await writeCsv({
      header: AUDIT_CSV_HEADER,
      pages: allPages(list.fetchPage),
      toCells: (item) => auditCsvCells(item, names),
      onProgress: (count) => progress.push(count),
      pagesPerBlob: 3,
    });
    expect(rows).toBe(1_050);
    expect(list.requests).toEqual([undefined, ...Array.from({ length: 10 }, (_, i) => String((i + 1) * 100))]);
    expect(progress).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1_000, 1_050]);
    expect(blob.type).toBe('text/csv;charset=utf-8');
    const text = await read(blob);
    expect(text.startsWith('\uFEFFtime_utc,organization,integration,type,outcome,actor,counts,summary\r\n')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines).toHaveLength(1 + 1_050 + 1);
    expect(lines.at(-1)).toBe('');
    expect(lines[1]).toBe(
      '2026-01-01T00:00:00.000Z,Norsk Friluftslag,Cornerstone,sync_run,ok,Sync engine,created=1; seen=0,"Full sync finished: 0 new, ""quoted"", =danger"',
    );
    expect(lines[1_050]).toContain('2026-01-01T00:17:29.000Z,Norsk Friluftslag,,sync_run');
  });

  it('stops when cancelled, without asking for more pages', async () => {
    const list = fakeList(10_000, 100);
    const controller = new AbortController();
    const written = writeCsv({
      header: AUDIT_CSV_HEADER,
      pages: allPages(list.fetchPage, controller.signal),
      toCells: (item) => auditCsvCells(item, names),
      onProgress: (count) => {
        if (count === 300) controller.abort(new DOMException('Cancelled', 'AbortError'));
      },
      signal: controller.signal,
    });
    await expect(written).rejects.toMatchObject({ name: 'AbortError' });
    expect(list.requests).toHaveLength(3);
  });

  it('writes an empty list as just the header', async () => {
    const { blob, rows } = await writeCsv({ header: ['a', 'b'], pages: allPages(fakeList(0, 100).fetchPage), toCells: () => [] });
    expect(rows).toBe(0);
    expect(await read(blob)).toBe('\uFEFFa,b\r\n');
  });

  it('writes counts as key=value pairs', () => {
    expect(countsText({ seen: 2500, created: 3, updated: 1 })).toBe('created=3; seen=2500; updated=1');
    expect(countsText(null)).toBe('');
  });
});
