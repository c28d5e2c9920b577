import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../ui/PageHeading.tsx';

/** A managed install whose project file cannot be used: nothing else is offered, and it says why. */
export function ManagedProblem({ problem }: { problem: string }) {
  const { t } = useTranslation('connection');
  return (
    <div data-testid="managed-problem">
      <PageHeading>{t('managedProblem.title')}</PageHeading>
      <p>{t('managedProblem.body')}</p>
      <p className="form-error">
        <code>{problem}</code>
      </p>
    </div>
  );
}
