import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callOperation } from '../../api/client.ts';
import { operationKey, operationQuery } from '../../api/queries.ts';
import type { ConflictResolution } from '../../../../shared/domain/conflict-rules.ts';
import type { DataCategory } from '../../../../shared/domain/member.ts';
import { NOT_FOUND_CODES } from '../../app/shown-in-place.ts';

export function useRules(orgId: string) {
  return useQuery({ ...operationQuery('rules.list', { orgId }), meta: { shownInPlace: NOT_FOUND_CODES } });
}

/** The impact of a rule not saved yet; nothing is asked while the choice is the rule in force. */
export function useRulePreview(orgId: string, category: DataCategory, resolution: ConflictResolution, enabled: boolean) {
  return useQuery({ ...operationQuery('rules.preview', { orgId, category, resolution }), enabled, staleTime: 0 });
}

export function useUpdateRule(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { category: DataCategory; resolution: ConflictResolution }) => callOperation('rules.update', { orgId, ...input }),
    onSuccess: (output) => queryClient.setQueryData(operationKey('rules.list', { orgId }), output.rules),
    onSettled: () => Promise.all(['rules.list', 'rules.preview', 'audit.list'].map((name) => queryClient.invalidateQueries({ queryKey: [name] }))),
  });
}
