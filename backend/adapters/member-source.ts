import type { CanonicalMember } from '../../shared/domain/member.ts';
import type { ErrorActor, ErrorCode } from '../../shared/domain/errors.ts';

/** One record from a source page: mapped, or rejected with a reason (to be quarantined). */
export type SourceRecord =
  | { ok: true; member: CanonicalMember }
  | { ok: false; externalId: string | null; reason: string };

export interface MemberPage {
  records: SourceRecord[];
  /** Opaque cursor for the next page; null when this was the last page. */
  nextCursor: string | null;
  /** The source's total member count, when it reports one. */
  total: number | null;
}

export interface ConnectionCheck {
  organizationName: string | null;
  memberCount: number | null;
}

/** What the engine needs from a member registry. One implementation per system. */
export interface MemberSource {
  readonly system: 'cornerstone' | 'consio';
  testConnection(signal?: AbortSignal): Promise<ConnectionCheck>;
  /** Lists members from `cursor` (null = from the start). */
  listMembers(cursor: string | null, signal?: AbortSignal): Promise<MemberPage>;
}

export type SourceErrorCode = Extract<
  ErrorCode,
  | 'source_auth_failed'
  | 'source_unreachable'
  | 'source_timeout'
  | 'source_rate_limited'
  | 'source_server_error'
  | 'source_bad_response'
>;

/** A failure talking to a registry, with who must act and a message a volunteer can act on. */
export class SourceError extends Error {
  readonly code: SourceErrorCode;
  readonly actor: ErrorActor;
  readonly retryable: boolean;
  /** Seconds the source asked us to wait (429 Retry-After), when given. */
  readonly retryAfterSeconds: number | null;

  constructor(
    code: SourceErrorCode,
    message: string,
    options: { actor: ErrorActor; retryable: boolean; retryAfterSeconds?: number | null; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.name = 'SourceError';
    this.code = code;
    this.actor = options.actor;
    this.retryable = options.retryable;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }
}
