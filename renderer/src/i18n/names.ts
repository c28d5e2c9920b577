import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** What the registry label needs of an integration (an IntegrationHealth has it). */
export interface RegistryLabelled {
  orgName: string;
  system: 'cornerstone' | 'consio';
}

/** "Norsk Friluftslag · Cornerstone": an integration's organization and its registry, in the chosen language. */
export function useRegistryLabel(): (integration: RegistryLabelled) => string {
  const { t } = useTranslation('common');
  return useCallback((integration) => `${integration.orgName} · ${t(`systems.${integration.system}`)}`, [t]);
}
