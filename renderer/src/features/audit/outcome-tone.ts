import type { AuditEventView } from '../../../../shared/contract/audit.ts';
import type { Tone } from '../../ui/StatusBadge.tsx';

export const OUTCOME_TONES: Record<AuditEventView['outcome'], Tone> = { ok: 'ok', warning: 'warning', error: 'error' };
