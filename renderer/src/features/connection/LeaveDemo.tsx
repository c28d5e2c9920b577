import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { useStatusChange } from './queries.ts';

/** Back to the first-start choice from the demo, to connect to the organization's project instead. */
export function LeaveDemo() {
  const { t } = useTranslation('connection');
  const disconnect = useStatusChange('console.disconnect');
  return (
    <Button variant="link" className="topbar-link" busy={disconnect.isPending} onClick={() => disconnect.mutate({})} data-testid="leave-demo">
      {t('demo.leave')}
    </Button>
  );
}
