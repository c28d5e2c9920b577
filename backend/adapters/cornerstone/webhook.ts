import { z } from 'zod';
import type { SourceWebhookEvent, WebhookSignatureCheck } from '../webhook-event.ts';
import { Instant, StorableText } from '../../../shared/domain/storable.ts';
import { mapCornerstoneRecord } from './mapping.ts';
import { embedsFodselsnummer } from './redaction.ts';

/**
 * Cornerstone's signed change events (`X-Cornerstone-Signature: t=<unix seconds>,v1=<hex>`,
 * an HMAC-SHA256 over `"<t>.<raw body>"`). WebCrypto only: this runs in Node and in the
 * `cornerstone-webhook` Edge Function alike.
 */

export interface CornerstoneSignatureInput {
  secret: string;
  /** Secrets still accepted besides `secret`: the one it replaced, during a rotation's overlap. */
  alsoAccepted?: readonly string[];
  /** The `X-Cornerstone-Signature` header as received; null or undefined when absent. */
  header: string | null | undefined;
  /** The body exactly as received: re-serialised JSON would not match the signature. */
  rawBody: string | Uint8Array;
  /** Defaults to the clock; tests pass their own. */
  nowSeconds?: number;
  /** How far the signed time may be from now, either way. Default 300. */
  toleranceSeconds?: number;
}

const hexSignature = /^[0-9a-f]{64}$/i;
// Whole seconds only, and few enough digits that the number stays exact.
const unixSeconds = /^\d{1,12}$/;

interface SignatureHeader {
  timestamp: number;
  signatures: Uint8Array[];
}

function hexToBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/**
 * `t=…,v1=…[,v1=…]`. Several v1 values are allowed: while a secret is rotated, Cornerstone signs
 * with both. Unknown schemes (a future v2) are skipped, as a receiver must not break when the
 * sender adds one.
 */
function parseSignatureHeader(header: string): SignatureHeader | null {
  let timestamp: number | null = null;
  const signatures: Uint8Array[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator < 1) return null;
    const key = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (key === 't') {
      if (timestamp !== null || !unixSeconds.test(value)) return null;
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!hexSignature.test(value)) return null;
      signatures.push(hexToBytes(value));
    }
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

/** Compares every byte whatever the first difference, so the time taken says nothing about a near miss. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

async function expectedSignature(secret: string, timestamp: number, rawBody: string | Uint8Array): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const prefix = encoder.encode(`${timestamp}.`);
  const body = typeof rawBody === 'string' ? encoder.encode(rawBody) : rawBody;
  const signed = new Uint8Array(prefix.length + body.length);
  signed.set(prefix);
  signed.set(body, prefix.length);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, signed));
}

/**
 * Whether a delivery was signed by Cornerstone with `secret`, recently. The signature is checked
 * before the time, so `stale` means a genuine delivery replayed or held up, not a forgery.
 */
export async function verifyCornerstoneSignature(input: CornerstoneSignatureInput): Promise<WebhookSignatureCheck> {
  // An empty secret would make every attacker's empty-key signature valid.
  if (input.secret.length === 0) throw new RangeError('The Cornerstone webhook secret must not be empty');
  const header = input.header?.trim() ?? '';
  if (header === '') return { ok: false, reason: 'missing' };
  const parsed = parseSignatureHeader(header);
  if (parsed === null) return { ok: false, reason: 'malformed' };

  const secrets = [input.secret, ...(input.alsoAccepted ?? []).filter((secret) => secret.length > 0)];
  let matched = false;
  for (const secret of secrets) {
    const expected = await expectedSignature(secret, parsed.timestamp, input.rawBody);
    // Every value is compared, so which of them matched does not show in the timing either.
    for (const signature of parsed.signatures) matched = constantTimeEqual(signature, expected) || matched;
  }
  if (!matched) return { ok: false, reason: 'mismatch' };

  const nowSeconds = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(nowSeconds - parsed.timestamp) > (input.toleranceSeconds ?? 300)) return { ok: false, reason: 'stale' };
  return { ok: true, timestamp: parsed.timestamp };
}

const changeTypes = new Set(['member.created', 'member.updated']);

/** The envelope only: the member record is mapped on its own so a bad record is quarantined, not the event lost. */
const CornerstoneWebhookEnvelope = z.object({
  id: StorableText.min(1).max(200),
  type: StorableText.min(1).max(100),
  occurredAt: Instant,
  memberId: StorableText.min(1).max(100),
  member: z.unknown().optional(),
});

export type CornerstoneWebhookParse = { ok: true; event: SourceWebhookEvent } | { ok: false; reason: string };

// Paths and issue codes only: zod's messages can quote what was sent, and the body is the sender's.
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || 'body'}: ${issue.code}`)
    .join('; ');
}

/**
 * A verified delivery's JSON body as an event for the engine. Reasons for a refusal name
 * fields, never their values: a body can carry a personnummer or contact details, and reasons
 * are logged.
 */
export function parseCornerstoneWebhook(body: unknown): CornerstoneWebhookParse {
  const parsed = CornerstoneWebhookEnvelope.safeParse(body);
  if (!parsed.success) return { ok: false, reason: `Not a Cornerstone webhook event: ${describeIssues(parsed.error.issues)}` };
  const { id: eventId, type, occurredAt, memberId, member } = parsed.data;
  const externalId = memberId.trim();
  if (externalId === '' || embedsFodselsnummer(externalId)) {
    return { ok: false, reason: 'The event names its member by a personnummer or by nothing, so it was not used' };
  }

  if (type === 'member.deleted') return { ok: true, event: { eventId, kind: 'member_deleted', occurredAt, externalId } };
  if (!changeTypes.has(type)) return { ok: false, reason: 'type: not an event type this integration handles' };
  if (member === undefined || member === null) return { ok: false, reason: 'member: missing from a change event' };

  const record = mapCornerstoneRecord(member);
  const recordFor = record.ok ? record.member.externalId : record.externalId;
  // A record that names no one is still quarantined under the event's member; one naming someone else is not trusted at all.
  if (recordFor !== null && recordFor !== externalId) return { ok: false, reason: 'member.memberId: does not match the event memberId' };
  const quarantined = record.ok ? record : { ...record, externalId };
  return { ok: true, event: { eventId, kind: 'member_changed', occurredAt, externalId, record: quarantined } };
}
