import type { CanonicalMember } from '../../shared/domain/member.ts';
import type { MemberPatch } from '../../shared/domain/member-patch.ts';
import type { ErrorActor, ErrorCode } from '../../shared/domain/errors.ts';
import type { QuarantineProblemEntry } from '../../shared/domain/quarantine.ts';

/**
 * One record from a source page: mapped, or quarantined with `problems`, the
 * fields and problem codes the console words for itself (at most `MAX_QUARANTINE_PROBLEMS`,
 * never a value), and `reason`, the same in English for logs and as the console's fallback.
 */
export type SourceRecord =
  { ok: true; member: CanonicalMember } | { ok: false; externalId: string | null; reason: string; problems: QuarantineProblemEntry[] };

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
  /**
   * Whether the registry can push changes to us for this organization. Without webhooks the
   * engine polls `listMembersChangedSince` instead.
   */
  webhooksAvailable: boolean;
}

/** What the engine needs from a member registry. One implementation per system. */
export interface MemberSource {
  readonly system: 'cornerstone' | 'consio';
  testConnection(signal?: AbortSignal): Promise<ConnectionCheck>;
  /** Lists every member, from `cursor` (null = from the start): the full sync. */
  listMembers(cursor: string | null, signal?: AbortSignal): Promise<MemberPage>;
  /**
   * Lists members the source changed at or after `since` (ISO 8601), oldest change first:
   * the delta sync. `cursor` continues one listing; null starts it. Members removed from the
   * source do not appear here; the nightly full sync finds them.
   */
  listMembersChangedSince(since: string, cursor: string | null, signal?: AbortSignal): Promise<MemberPage>;
  /**
   * Writes `patch` to one member in the source and returns the record as the source now
   * holds it (with its new `sourceUpdatedAt`). A record the source holds but that fails our
   * model comes back as `{ ok: false }`.
   */
  updateMember(externalId: string, patch: MemberPatch, signal?: AbortSignal): Promise<SourceRecord>;
  /**
   * Writes a personnummer to one member who has none in the registry. Never overwrites: a member
   * who already holds a number (the same or another) comes back as `already_held` and nothing is written.
   */
  writePersonnummer(externalId: string, personnummer: string, signal?: AbortSignal): Promise<PersonnummerWrite>;
}

/**
 * What a personnummer write did. Deliberately without the number: it passes through the adapter in
 * memory only, and neither this, a SourceError's message nor its cause ever carries it. A repeated
 * write of the number the member already holds is `written` (the registry answers it as one), with
 * the record's `sourceUpdatedAt` unchanged.
 */
export type PersonnummerWrite = { outcome: 'written'; sourceUpdatedAt: string } | { outcome: 'already_held' };

export type SourceErrorCode = Extract<
  ErrorCode,
  | 'source_auth_failed'
  | 'source_unreachable'
  | 'source_timeout'
  | 'source_rate_limited'
  | 'source_server_error'
  | 'source_bad_response'
  | 'source_rejected_write'
  | 'source_not_found'
>;

/**
 * Which part of the credentials a registry refused, where its answer says so, so the console
 * can name the field to fix. Null where the registry only says "unauthorized".
 */
export type CredentialRefusal = 'wrong_password' | 'unknown_client' | 'client_rejected' | 'no_member_access';

/** A failure talking to a registry, with who must act and a message a volunteer can act on. */
export class SourceError extends Error {
  readonly code: SourceErrorCode;
  readonly refusal: CredentialRefusal | null;
  readonly actor: ErrorActor;
  readonly retryable: boolean;
  /** Seconds the source asked us to wait (429 Retry-After), when given. */
  readonly retryAfterSeconds: number | null;

  constructor(
    code: SourceErrorCode,
    message: string,
    options: { actor: ErrorActor; retryable: boolean; retryAfterSeconds?: number | null; cause?: unknown; refusal?: CredentialRefusal },
  ) {
    super(message, { cause: options.cause });
    this.name = 'SourceError';
    this.code = code;
    this.actor = options.actor;
    this.retryable = options.retryable;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
    this.refusal = options.refusal ?? null;
  }
}
