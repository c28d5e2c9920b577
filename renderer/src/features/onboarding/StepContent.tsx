import { AdministratorsStep } from './AdministratorsStep.tsx';
import { ConfirmStep } from './ConfirmStep.tsx';
import { CredentialsStep } from './CredentialsStep.tsx';
import { OrganizationStep } from './OrganizationStep.tsx';
import { PreviewStep } from './PreviewStep.tsx';
import { ScheduleStep } from './ScheduleStep.tsx';
import type { StepId, SystemChoice } from './steps.ts';
import { SystemStep } from './SystemStep.tsx';

/** The current step's form. The connection steps exist only once a member system is chosen. */
export function StepContent({ step, system }: { step: StepId; system: SystemChoice | null }) {
  const memberSystem = system === null || system === 'none' ? null : system;
  switch (step) {
    case 'organization':
      return <OrganizationStep />;
    case 'system':
      return <SystemStep />;
    case 'credentials':
      return memberSystem ? <CredentialsStep system={memberSystem} /> : <SystemStep />;
    case 'preview':
      return memberSystem ? <PreviewStep system={memberSystem} /> : <SystemStep />;
    case 'schedule':
      return <ScheduleStep />;
    case 'administrators':
      return <AdministratorsStep />;
    case 'confirm':
      return <ConfirmStep />;
  }
}
