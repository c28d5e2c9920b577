import { ApiError } from '../../api/client.ts';
import { applyServerIssues } from '../../api/server-issues.ts';
import type { RefusedField, RefusedFields } from './draft-store.ts';
import type { StepId } from './steps.ts';

export interface OnboardRefusal {
  /** The first step with a refused field: the wizard goes back to it. */
  step: StepId;
  refused: RefusedFields;
  /** The registry refused the credentials when the backend tested them again. */
  connectionRefused: boolean;
}

// The contract's input paths, and the step each is entered on.
const stepOfPath = {
  name: 'organization',
  slug: 'organization',
  'integration.connection': 'credentials',
  'integration.scheduleCron': 'schedule',
  'integration.deltaIntervalMinutes': 'schedule',
  adminUserIds: 'administrators',
} as const satisfies Record<string, StepId>;
type IssuePath = keyof typeof stepOfPath;

const fieldOfPath: Partial<Record<IssuePath, RefusedField>> = {
  name: 'name',
  slug: 'slug',
  'integration.scheduleCron': 'scheduleCron',
  'integration.deltaIntervalMinutes': 'deltaIntervalMinutes',
  adminUserIds: 'adminUserIds',
};

const stepOrder: readonly StepId[] = ['organization', 'credentials', 'schedule', 'administrators'];

/**
 * Where "Add organization" was refused, so the wizard can go back to that step and show it beside
 * the field: a short name already taken (`conflict` on `slug`), a field the contract refused,
 * or credentials the registry no longer accepts. Null for a failure no field explains.
 */
export function onboardRefusal(error: unknown): OnboardRefusal | null {
  if (!(error instanceof ApiError)) return null;
  const { code, issues = [] } = error.payload;
  if (code.startsWith('source_')) return { step: 'credentials', refused: {}, connectionRefused: true };
  if (code === 'conflict') {
    return issues.some((issue) => issue.path === 'slug') ? { step: 'organization', refused: { slug: 'taken' }, connectionRefused: false } : null;
  }
  const refused: RefusedFields = {};
  const steps = new Set<StepId>();
  applyServerIssues<Record<IssuePath, string>>(
    error,
    Object.keys(stepOfPath) as IssuePath[],
    (name) => {
      // The form's root errors are not among the paths asked for; only those come back.
      const path = name as IssuePath;
      steps.add(stepOfPath[path]);
      const field = fieldOfPath[path];
      if (field) refused[field] = 'refused';
    },
    'refused',
  );
  const step = stepOrder.find((candidate) => steps.has(candidate));
  return step ? { step, refused, connectionRefused: steps.has('credentials') } : null;
}
