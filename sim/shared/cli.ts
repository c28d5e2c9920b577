/** The command-line options every simulator takes; each adds its own (webhooks differ per vendor). */
export const simCliOptions = {
  members: { type: 'string' },
  port: { type: 'string' },
  seed: { type: 'string' },
  org: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface SimCliValues {
  members?: string | undefined;
  port?: string | undefined;
  seed?: string | undefined;
  org?: string | undefined;
  help?: boolean | undefined;
}

/**
 * The register size, port, seed and organization name the shared options ask for. `--help`
 * prints `usage` and exits; a value that is not a whole number prints it and exits with 2.
 */
export function simStartOptions(values: SimCliValues, usage: string): { memberCount: number; port: number; seed: number; organizationName?: string } {
  if (values.help === true) {
    console.log(usage);
    process.exit(0);
  }
  const wholeNumber = (name: string, value: string | undefined, fallback: number): number => {
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value)) {
      console.error(`--${name} must be a whole number, got ${JSON.stringify(value)}\n${usage}`);
      process.exit(2);
    }
    return Number(value);
  };
  return {
    memberCount: wholeNumber('members', values.members, 1000),
    port: wholeNumber('port', values.port, 0),
    seed: wholeNumber('seed', values.seed, 1),
    ...(values.org === undefined ? {} : { organizationName: values.org }),
  };
}
