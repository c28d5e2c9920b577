import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TestConnectionInput, UpdateIntegrationInput } from '../../../../shared/contract/integrations.ts';
import { callOperation } from '../../api/client.ts';
import { operationKey, operationQuery } from '../../api/queries.ts';
import { NOT_FOUND_CODES } from '../../app/shown-in-place.ts';

/**
 * Changes whose input or answer holds a secret (typed credentials, a new webhook secret) are
 * dropped from the mutation cache as soon as nothing watches them (`gcTime: 0`), and their
 * callers reset them once done, so a secret does not outlive the form that showed it.
 */
const SECRET_BEARING = { gcTime: 0 } as const;

export function useIntegrationSettings(integrationId: string) {
  return useQuery({ ...operationQuery('integrations.get', { integrationId }), meta: { shownInPlace: NOT_FOUND_CODES } });
}

// The mutation cache refetches every read on screen after each change (app/query-client.ts):
// the settings, the board's card and the alerts all follow.

export function useUpdateIntegration() {
  const queryClient = useQueryClient();
  return useMutation({
    ...SECRET_BEARING,
    mutationFn: (input: UpdateIntegrationInput) => callOperation('integrations.update', input),
    // The answer is the integration as saved: shown at once, before the refetch confirms it.
    onSuccess: ({ integration }) =>
      queryClient.setQueryData(operationKey('integrations.get', { integrationId: integration.integrationId }), integration),
  });
}

export function useTestConnection() {
  return useMutation({
    ...SECRET_BEARING,
    mutationFn: (input: TestConnectionInput) => callOperation('integrations.testConnection', input),
  });
}

export function useUpdateSchedule() {
  return useMutation({
    mutationFn: (input: { integrationId: string; scheduleCron: string; deltaIntervalMinutes: number }) =>
      callOperation('integrations.updateSchedule', input),
  });
}

export function useRotateWebhookSecret() {
  return useMutation({
    ...SECRET_BEARING,
    mutationFn: (input: { integrationId: string; overlapHours: number }) => callOperation('integrations.rotateWebhookSecret', input),
  });
}
