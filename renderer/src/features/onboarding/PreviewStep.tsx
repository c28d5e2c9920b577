import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberSystem } from '../../../../shared/domain/integration.ts';
import { useFormat } from '../../i18n/format.ts';
import { onboardingDraft, useConnectionTest } from './draft-store.ts';
import { WizardActions } from './WizardActions.tsx';

/** Step 4: what the registry reported when the connection was tested, before anything is saved. */
export function PreviewStep({ system }: { system: MemberSystem }) {
  const { t } = useTranslation(['onboarding', 'common']);
  const format = useFormat();
  const test = useConnectionTest();
  const systemName = t(`common:systems.${system}`);
  const result = test?.result.outcome === 'connected' ? test.result : null;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onboardingDraft.next();
  };

  return (
    <form onSubmit={onSubmit}>
      <p className="wizard-preview" data-testid="registry-preview">
        {result?.memberCount == null
          ? t('preview.noCount', { system: systemName })
          : t(result.organizationName ? 'preview.reports' : 'preview.reportsUnnamed', {
              system: systemName,
              count: result.memberCount,
              members: format.count(result.memberCount),
              name: result.organizationName ?? '',
            })}
      </p>
      <p>{t('preview.initialSync')}</p>
      <p>{result?.webhooksAvailable ? t('preview.webhooks', { system: systemName }) : t('preview.noWebhooks')}</p>
      <WizardActions />
    </form>
  );
}
