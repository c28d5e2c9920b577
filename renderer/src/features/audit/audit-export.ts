import type { AuditEventView } from '../../../../shared/contract/audit.ts';
import type { CsvValue } from './csv.ts';

/** Columns of the compliance export: stable names and codes, the same in either language. */
export const AUDIT_CSV_HEADER = ['time_utc', 'organization', 'integration', 'type', 'outcome', 'actor', 'counts', 'summary'] as const;

/** Counts as `key=value` pairs in alphabetical order, the same in every row: `created=3; seen=2500`. */
export function countsText(counts: Record<string, number> | null): string {
  if (!counts) return '';
  return Object.entries(counts)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('; ');
}

export interface AuditNames {
  organization(orgId: string): string;
  integration(integrationId: string | null): string;
}

/** One event as a row of the export. Time in UTC, ISO 8601. */
export function auditCsvCells(event: AuditEventView, names: AuditNames): CsvValue[] {
  return [
    new Date(event.occurredAt).toISOString(),
    names.organization(event.orgId),
    names.integration(event.integrationId),
    event.type,
    event.outcome,
    event.actor.label,
    countsText(event.counts),
    event.summary,
  ];
}

/** The file's name: the period it covers, or the day it was taken. */
export function auditCsvFileName(from: string | undefined, to: string | undefined, today: string): string {
  if (from || to) return `audit-${from ?? 'start'}-to-${to ?? today}.csv`;
  return `audit-${today}.csv`;
}
