import { useTranslation } from 'react-i18next';
import type { MemberSystem } from '../../../../shared/domain/integration.ts';
import { useSession } from '../../stores/session.ts';
import { Button } from '../../ui/Button.tsx';
import { connectionFormFrom, type ConnectionFormInput } from './credentials-form.ts';
import { useDemoRegistries } from './queries.ts';

/** In the embedded demo only: fills the form from a practice registry no organization uses yet. */
export function DemoRegistryFill({ system, onFill }: { system: MemberSystem; onFill(connection: ConnectionFormInput): void }) {
  const { t } = useTranslation(['onboarding', 'common']);
  const session = useSession();
  const registries = useDemoRegistries(session?.mode === 'embedded-demo');
  const registry = registries.data?.find((candidate) => candidate.connection.system === system);
  if (!registry) return null;
  return (
    <div className="callout tone-info">
      <p>{t('credentials.fillDemoHint', { system: t(`common:systems.${system}`) })}</p>
      <Button onClick={() => onFill(connectionFormFrom(registry.connection))}>{t('credentials.fillDemo')}</Button>
    </div>
  );
}
