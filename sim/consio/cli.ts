import { parseArgs } from 'node:util';
import { startConsioSim } from './server.ts';

const usage =
  'Usage: node --import tsx sim/consio/cli.ts [--members 100000] [--port 4020] [--seed 1] [--org "Name"] [--webhooks]';

function wholeNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) {
    console.error(`--${name} must be a whole number, got ${JSON.stringify(value)}\n${usage}`);
    process.exit(2);
  }
  return Number(value);
}

const { values } = parseArgs({
  options: {
    members: { type: 'string' },
    port: { type: 'string' },
    seed: { type: 'string' },
    org: { type: 'string' },
    webhooks: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(usage);
  process.exit(0);
}

const sim = await startConsioSim({
  memberCount: wholeNumber('members', values.members, 1000),
  port: wholeNumber('port', values.port, 0),
  seed: wholeNumber('seed', values.seed, 1),
  webhooks: values.webhooks === true,
  ...(values.org === undefined ? {} : { organizationName: values.org }),
});

const { clientId, clientSecret } = sim.credentials;
const { name, organizationNumber, features } = sim.organization;
console.log(`Consio simulator: ${sim.url}`);
console.log(`  organization:  ${name} (org.nr. ${organizationNumber}; ${sim.memberCount} synthetic members, seed ${sim.seed})`);
console.log(`  webhooks:      ${features.webhooks ? 'offered' : 'not offered (poll with changedSince)'}`);
console.log(`  token:         POST ${sim.url}/OpenIdserver/connect/token (client_credentials, scope=members)`);
console.log(`  client_id:     ${clientId}`);
console.log(`  client_secret: ${clientSecret}`);
console.log('Press Ctrl+C to stop.');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sim.close().then(() => process.exit(0));
  });
}
