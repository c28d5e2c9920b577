/** The enrichment service acts as the service: its callers are members of the app, whom row-level security has no policy for. */
export const SERVICE = { kind: 'service' } as const;
