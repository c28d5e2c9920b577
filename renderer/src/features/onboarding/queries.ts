import { useMutation, useQuery } from '@tanstack/react-query';
import { ApiError, callOperation } from '../../api/client.ts';
import { operationQuery } from '../../api/queries.ts';
import type { RegistryConnection } from '../../../../shared/contract/integrations.ts';
import type { AdminAccount, OnboardOrganizationInput } from '../../../../shared/contract/onboarding.ts';

/** The demo's practice registries; asked only in the embedded demo, where they exist. */
export function useDemoRegistries(enabled: boolean) {
  return useQuery({ ...operationQuery('demo.registries', {}), enabled, staleTime: Infinity });
}

/** A failed test is a result the step shows, not an error; only a refused call (no access) is a notice. */
export function useTestConnection() {
  return useMutation({
    mutationFn: (connection: RegistryConnection) => callOperation('integrations.testConnection', { source: 'form', connection }),
  });
}

/** An administrator account by e-mail, or null when there is none: the step says so beside the field. */
export function useFindAdmin() {
  return useMutation({
    mutationFn: async (email: string): Promise<AdminAccount | null> => {
      try {
        return await callOperation('admins.find', { email });
      } catch (error) {
        if (error instanceof ApiError && error.payload.code === 'not_found') return null;
        throw error;
      }
    },
  });
}

export function useOnboardOrganization() {
  return useMutation({ mutationFn: (input: OnboardOrganizationInput) => callOperation('organizations.onboard', input) });
}
