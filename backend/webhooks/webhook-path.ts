/**
 * The integration a delivery is for, from its path: `/cornerstone-webhook/<integration id>`,
 * or with Supabase's `/functions/v1` in front. The segment is returned as it stands, never
 * percent-decoded: an integration id is a UUID, which needs no escaping, so anything escaped
 * is simply not one (and a malformed escape such as `%ZZ` cannot throw). The handler then
 * refuses whatever is not a known integration with 404.
 */
const PATH = /^(?:\/functions\/v1)?\/cornerstone-webhook\/([^/]+)\/?$/;

export function webhookIntegrationSegment(pathname: string): string | null {
  return PATH.exec(pathname)?.[1] ?? null;
}
