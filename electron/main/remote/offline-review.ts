import { z } from 'zod';
import { IntegrationHealth, SyncRunSummary } from '../../../shared/contract/schemas.ts';

/**
 * What a run's summary keeps for offline review: counts, times, outcome and error code. The
 * error's text is dropped, since a registry may have written it and it may quote a member.
 */
const OfflineRun = SyncRunSummary.omit({ errorMessage: true }).strict();

/**
 * One integration as the board last saw it, with nothing about a person: no member names,
 * contact details, member ids, admin names, or free text from a registry. Derived from the
 * contract's own `IntegrationHealth`, minus what is live (the active job) or a preview.
 */
export const OfflineIntegration = IntegrationHealth.omit({ activeJob: true, lastPreviewRun: true })
  .extend({ lastRun: OfflineRun.nullable(), lastFullRun: OfflineRun.nullable(), lastDeltaRun: OfflineRun.nullable() })
  .strict();
export type OfflineIntegration = z.infer<typeof OfflineIntegration>;

export const OfflineReview = z
  .object({
    /** The project the summaries came from: another project's are never shown. */
    projectUrl: z.string().max(300),
    savedAt: z.iso.datetime({ offset: true }),
    integrations: z.array(OfflineIntegration).max(2_000),
  })
  .strict();
export type OfflineReview = z.infer<typeof OfflineReview>;

const runFacts = (run: SyncRunSummary | null) => {
  if (run === null) return null;
  const { errorMessage: _dropped, ...facts } = run;
  return facts;
};

/** The summary kept after a successful `health.list` (parsed again, so a new field cannot slip in). */
export function summarize(projectUrl: string, board: readonly IntegrationHealth[], now = new Date()): OfflineReview {
  return OfflineReview.parse({
    projectUrl,
    savedAt: now.toISOString(),
    integrations: board.map(({ activeJob: _live, lastPreviewRun: _preview, ...integration }) => ({
      ...integration,
      lastRun: runFacts(integration.lastRun),
      lastFullRun: runFacts(integration.lastFullRun),
      lastDeltaRun: runFacts(integration.lastDeltaRun),
    })),
  });
}

const restoreRun = (run: z.infer<typeof OfflineRun> | null): SyncRunSummary | null => (run === null ? null : { ...run, errorMessage: null });

/** The board as it was at `savedAt`, in the shape `health.list` answers, for an organization or all. */
export function offlineBoard(review: OfflineReview, orgId?: string): IntegrationHealth[] {
  return review.integrations
    .filter((integration) => orgId === undefined || integration.orgId === orgId)
    .map((integration) => ({
      ...integration,
      lastRun: restoreRun(integration.lastRun),
      lastFullRun: restoreRun(integration.lastFullRun),
      lastDeltaRun: restoreRun(integration.lastDeltaRun),
      lastPreviewRun: null,
      activeJob: null,
    }));
}
