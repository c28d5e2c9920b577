import type { Router } from '../rpc/router.ts';
import type { Operations } from '../../shared/contract/operations.ts';
import { AlertDetail, type AlertKind, type AlertView } from '../../shared/contract/alerts.ts';
import { AppError, type ErrorActor } from '../../shared/domain/errors.ts';
import type { Queryable } from '../db/port.ts';
import { asCaller } from '../db/as-caller.ts';
import { requireUser, type BackendContext } from './context.ts';
import { actingAdmin, adminRefOf, adminRefs } from './admins.ts';
import { withServiceRole } from './service-role.ts';
import { recordAuditEvent } from '../engine/audit.ts';
import { decodeTimeCursor, keysetTime, pageFrom } from './paging.ts';
import { beginList, keysetListSql, readList, scopeKeys, scopeWhere } from './keyset-list.ts';
import { notFound, toIso, toIsoRequired } from './rows.ts';

interface AlertRow {
  id: string;
  org_id: string;
  integration_id: string | null;
  kind: AlertKind;
  severity: 'warning' | 'error';
  actor: ErrorActor;
  message: string;
  status: 'open' | 'resolved';
  occurrences: number;
  first_raised_at: unknown;
  last_raised_at: unknown;
  acknowledged_by: string | null;
  acknowledged_at: unknown;
  resolved_at: unknown;
  detail: Record<string, unknown> | null;
  key_at: string;
}

const ALERT_COLUMNS = `a.id, a.org_id, a.integration_id, a.kind, a.severity, a.actor, a.message, a.status, a.occurrences,
  a.first_raised_at, a.last_raised_at, a.acknowledged_by, a.acknowledged_at, a.resolved_at, a.detail,
  ${keysetTime('a.last_raised_at')} as key_at`;

async function toAlertViews(tx: Queryable, rows: readonly AlertRow[]): Promise<AlertView[]> {
  const refs = await adminRefs(
    tx,
    rows.map((row) => row.acknowledged_by),
  );
  return rows.map((row) => ({
    id: row.id,
    orgId: row.org_id,
    integrationId: row.integration_id,
    kind: row.kind,
    severity: row.severity,
    actor: row.actor,
    message: row.message,
    status: row.status,
    occurrences: row.occurrences,
    firstRaisedAt: toIsoRequired(row.first_raised_at),
    lastRaisedAt: toIsoRequired(row.last_raised_at),
    acknowledgedBy: adminRefOf(refs, row.acknowledged_by),
    acknowledgedAt: toIso(row.acknowledged_at),
    resolvedAt: toIso(row.resolved_at),
    detail: alertDetailOf(row.detail),
  }));
}

/** The engine writes the detail; a field of a shape this version does not know drops the detail, not the alert. */
function alertDetailOf(detail: Record<string, unknown> | null): AlertDetail | null {
  if (detail === null) return null;
  const parsed = AlertDetail.safeParse(detail);
  return parsed.success ? parsed.data : null;
}

export function registerAlertHandlers(router: Router<Operations, BackendContext>): void {
  router.register('alerts.list', async ({ orgId, integrationId, status, cursor, limit }, { db, caller }) => {
    const after = decodeTimeCursor(cursor);
    return asCaller(db, caller, async (tx) => {
      const scope = await beginList(tx, caller, { orgId, integrationId });
      // Most recently raised first: a range per organization (or of the integration, or of all)
      // of the open alerts' partial indexes (alerts_list_open_*), or for "all" of the full ones
      // (alerts_org_idx, alerts_list_*). An alert raised again while someone pages moves to the
      // top: it is news again, and it is not shown twice on later pages.
      const query =
        scope.kind === 'none'
          ? null
          : keysetListSql({
              table: 'sync.alerts',
              alias: 'a',
              time: 'last_raised_at',
              select: ALERT_COLUMNS,
              keys: scopeKeys(scope),
              // A literal, so the planner matches the partial indexes' predicate.
              where: (param) => [...(status === 'open' ? [`a.status = 'open'`] : []), ...scopeWhere(scope, 'a', param)],
              after,
              limit,
            });
      const rows = await readList<AlertRow>(tx, query);
      const page = pageFrom(rows, limit, (row) => [row.key_at, row.id]);
      return { items: await toAlertViews(tx, page.rows), nextCursor: page.nextCursor };
    });
  });

  router.register('alerts.acknowledge', async ({ alertId }, { db, caller }) => {
    requireUser(caller);
    return asCaller(db, caller, async (tx) => {
      // As the caller: the RLS policy requires an admin of the organization and that
      // acknowledged_by is them. The row itself records who and when. The first
      // acknowledgement stands; acknowledging again changes nothing.
      const acknowledged = await tx.query<{ org_id: string; integration_id: string | null; kind: string }>(
        `update sync.alerts set acknowledged_by = (select auth.uid()), acknowledged_at = now()
          where id = $1 and status = 'open' and acknowledged_at is null
          returning org_id, integration_id, kind`,
        [alertId],
      );
      const alert = acknowledged.rows[0];
      if (alert) {
        const admin = await actingAdmin(tx);
        await withServiceRole(tx, (service) =>
          recordAuditEvent(service, {
            orgId: alert.org_id,
            integrationId: alert.integration_id,
            type: 'alert_acknowledged',
            actor: { kind: 'admin', id: admin.userId, label: admin.label },
            summary: `${admin.label} acknowledged the ${alert.kind.replaceAll('_', ' ')} alert.`,
            detail: { alertId, kind: alert.kind },
          }),
        );
      }
      const { rows } = await tx.query<AlertRow>(`select ${ALERT_COLUMNS} from sync.alerts a where a.id = $1`, [alertId]);
      const [view] = await toAlertViews(tx, rows);
      if (!view) throw notFound('The alert');
      if (view.status === 'resolved' && view.acknowledgedAt === null) {
        throw new AppError('conflict', 'This alert has already been resolved; there is nothing to acknowledge.', 'org_admin');
      }
      return view;
    });
  });
}
