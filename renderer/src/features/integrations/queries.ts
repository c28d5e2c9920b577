import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TestConnectionInput, UpdateIntegrationInput } from '../../../../shared/contract/integrations.ts';
import { callOperation } from '../../api/client.ts';
import { operationKey, operationQuery } from '../../api/queries.ts';
import { useSecretBearingMutation } from '../../api/secret-mutation.ts';
import { NOT_FOUND_CODES } from '../../app/shown-in-place.ts';

export function useIntegrationSettings(integrationId: string) {
  return useQuery({ ...operationQuery('integrations.get', { integrationId }), meta: { shownInPlace: NOT_FOUND_CODES } });
}

// The mutation cache refetches every read on screen after each change (app/query-client.ts):
// the settings, the board's card and the alerts all follow. Changes that carry a secret
// (typed credentials, a new webhook secret) do not stay in it (api/secret-mutation.ts).

export function useUpdateIntegration() {
  const queryClient = useQueryClient();
  return useSecretBearingMutation({
    mutationFn: (input: UpdateIntegrationInput) => callOperation('integrations.update', input),
    // The answer is the integration as saved: shown at once, before the refetch confirms it.
    onSuccess: ({ integration }) =>
      queryClient.setQueryData(operationKey('integrations.get', { integrationId: integration.integrationId }), integration),
  });
}

/** Typed credentials (the settings form, the onboarding wizard) or the saved ones; a failed test is an answer, not an error. */
export function useTestConnection() {
  return useSecretBearingMutation({
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
  return useSecretBearingMutation({
    mutationFn: (input: { integrationId: string; overlapHours: number }) => callOperation('integrations.rotateWebhookSecret', input),
  });
}
