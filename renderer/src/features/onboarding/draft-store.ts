import { create } from 'zustand';
import type { ConnectionTestResult } from '../../../../shared/contract/integrations.ts';
import type { AdminAccount } from '../../../../shared/contract/onboarding.ts';
import { blankConnection, draftOf, sameConnection, type ConnectionFormInput } from './credentials-form.ts';
import { defaultScheduleChoice, type ScheduleChoiceInput } from './schedule-choice.ts';
import { stepsFor, type StepId, type SystemChoice } from './steps.ts';

export interface OrganizationDraft {
  name: string;
  slug: string;
  /** The admin wrote the slug themselves: it no longer follows the name. */
  slugEdited: boolean;
}

/**
 * A connection test's answer, for the connection in the draft. It goes out of date as soon as
 * any field changes, compared field by field with the draft's own values: the draft never keeps
 * a second copy of the credentials to compare against.
 */
export interface ConnectionTest {
  result: ConnectionTestResult;
  outdated: boolean;
}

/** Why the backend refused a field when the organization was added, shown on that field's step. */
export type FieldRefusal = 'taken' | 'refused';
export type RefusedField = 'name' | 'slug' | 'scheduleCron' | 'deltaIntervalMinutes' | 'adminUserIds';
export type RefusedFields = Partial<Record<RefusedField, FieldRefusal>>;

interface DraftState {
  step: StepId;
  organization: OrganizationDraft;
  system: SystemChoice | null;
  /** Holds the credentials as typed, in memory only, until the wizard completes or is left. */
  connection: ConnectionFormInput | null;
  /** Counts changes to `connection`, so an answer that arrives after the fields changed is not taken for theirs. */
  connectionVersion: number;
  test: ConnectionTest | null;
  /** The registry refused the tested credentials when the organization was added. */
  connectionRefused: boolean;
  schedule: ScheduleChoiceInput;
  admins: AdminAccount[];
  refused: RefusedFields;
}

const emptyDraft: DraftState = {
  step: 'organization',
  organization: { name: '', slug: '', slugEdited: false },
  system: null,
  connection: null,
  connectionVersion: 0,
  test: null,
  connectionRefused: false,
  schedule: defaultScheduleChoice,
  admins: [],
  refused: {},
};

/**
 * The onboarding wizard's draft: what has been entered on every step, so Back keeps it. Never
 * persisted; it is discarded, credentials and all, when the wizard completes or is left.
 */
const useDraftStore = create<DraftState>()(() => emptyDraft);

export const onboardingDraft = {
  goTo: (step: StepId) => useDraftStore.setState({ step }),
  /** The next step, or the previous: which steps there are depends on the member system chosen. */
  next: () => useDraftStore.setState((state) => ({ step: stepAfter(state, 1) })),
  back: () => useDraftStore.setState((state) => ({ step: stepAfter(state, -1) })),
  updateOrganization: (patch: Partial<OrganizationDraft>) =>
    useDraftStore.setState((state) => ({ organization: { ...state.organization, ...patch } })),
  isSlugEdited: (): boolean => useDraftStore.getState().organization.slugEdited,
  /** Another system takes other credentials: what was typed for the previous one is dropped. */
  setSystem: (system: SystemChoice) =>
    useDraftStore.setState((state) =>
      state.system === system
        ? {}
        : {
            system,
            connection: system === 'none' ? null : blankConnection(system),
            connectionVersion: state.connectionVersion + 1,
            test: null,
            connectionRefused: false,
          },
    ),
  /** The form's values now; any change puts the last test out of date. */
  setConnection: (connection: ConnectionFormInput) =>
    useDraftStore.setState((state) =>
      state.connection !== null && sameConnection(state.connection, connection)
        ? {}
        : {
            connection: draftOf(connection),
            connectionVersion: state.connectionVersion + 1,
            test: state.test && { ...state.test, outdated: true },
          },
    ),
  connectionVersion: (): number => useDraftStore.getState().connectionVersion,
  /** A test's answer for the connection as it was at `version`; false (and not kept) when the fields changed since. */
  setTest: (result: ConnectionTestResult, version: number): boolean => {
    if (useDraftStore.getState().connectionVersion !== version) return false;
    useDraftStore.setState({ test: { result, outdated: false }, connectionRefused: false });
    return true;
  },
  /** Back to the step whose field the backend refused; refused credentials must be tested again. */
  returnTo: (step: StepId, refused: RefusedFields, connectionRefused: boolean) =>
    useDraftStore.setState({ step, refused, ...(connectionRefused ? { test: null, connectionRefused: true } : {}) }),
  setSchedule: (schedule: ScheduleChoiceInput) => useDraftStore.setState({ schedule }),
  addAdmin: (admin: AdminAccount) => useDraftStore.setState((state) => ({ admins: [...state.admins, admin] })),
  removeAdmin: (userId: string) => useDraftStore.setState((state) => ({ admins: state.admins.filter((admin) => admin.userId !== userId) })),
  /** The refusals for a step's fields, once: the step puts them on its form, where editing clears them. */
  takeRefusals<Field extends RefusedField>(fields: readonly Field[]): Array<[Field, FieldRefusal]> {
    const { refused } = useDraftStore.getState();
    const taken = fields.flatMap((field) => (refused[field] ? [[field, refused[field]] as [Field, FieldRefusal]] : []));
    if (taken.length > 0) {
      useDraftStore.setState({
        refused: Object.fromEntries(Object.entries(refused).filter(([field]) => !(fields as readonly string[]).includes(field))),
      });
    }
    return taken;
  },
  discard: () => useDraftStore.setState(emptyDraft, true),
  /** Whether anything has been entered that leaving would lose. */
  isStarted: (): boolean => {
    const { organization, system, admins } = useDraftStore.getState();
    return organization.name.trim() !== '' || organization.slug.trim() !== '' || system !== null || admins.length > 0;
  },
};

function stepAfter(state: DraftState, offset: 1 | -1): StepId {
  const steps = stepsFor(state.system);
  return steps[steps.indexOf(state.step) + offset] ?? state.step;
}

export const useDraftStep = () => useDraftStore((state) => state.step);
export const useOrganizationDraft = () => useDraftStore((state) => state.organization);
export const useSystemDraft = () => useDraftStore((state) => state.system);
export const useConnectionDraft = () => useDraftStore((state) => state.connection);
export const useConnectionTest = () => useDraftStore((state) => state.test);
export const useConnectionRefused = () => useDraftStore((state) => state.connectionRefused);
export const useScheduleDraft = () => useDraftStore((state) => state.schedule);
export const useAdminsDraft = () => useDraftStore((state) => state.admins);
