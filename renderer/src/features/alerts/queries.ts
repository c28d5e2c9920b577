import { useQuery } from '@tanstack/react-query';
import { operationQuery } from '../../api/queries.ts';

/** How often the navigation's alert badge looks for new alerts. */
export const ALERT_BADGE_POLL_MS = 10_000;

/** Open alerts for every organization the admin sees (the navigation's badge); 100 means "100 or more". */
export function useOpenAlertCount(): number {
  const { data } = useQuery({ ...operationQuery('alerts.list', { status: 'open', limit: 100 }), refetchInterval: ALERT_BADGE_POLL_MS });
  return data?.items.length ?? 0;
}
