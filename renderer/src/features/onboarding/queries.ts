import { useMutation, useQuery } from '@tanstack/react-query';
import { ApiError, callOperation } from '../../api/client.ts';
import { operationQuery } from '../../api/queries.ts';
import { useSecretBearingMutation } from '../../api/secret-mutation.ts';
import type { AdminAccount, OnboardOrganizationInput } from '../../../../shared/contract/onboarding.ts';

// The connection test is the settings screen's own (integrations/queries.ts useTestConnection).

/** The demo's practice registries; asked only in the embedded demo, where they exist. */
export function useDemoRegistries(enabled: boolean) {
  return useQuery({ ...operationQuery('demo.registries', {}), enabled, staleTime: Infinity });
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

/** The whole organization at once, the tested credentials with it: not kept once it has settled. */
export function useOnboardOrganization() {
  return useSecretBearingMutation({ mutationFn: (input: OnboardOrganizationInput) => callOperation('organizations.onboard', input) });
}
