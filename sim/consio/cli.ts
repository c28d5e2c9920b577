import { parseArgs } from 'node:util';
import { simCliOptions, simStartOptions } from '../shared/cli.ts';
import { startConsioSim } from './server.ts';

const usage = 'Usage: node --import tsx sim/consio/cli.ts [--members 100000] [--port 4020] [--seed 1] [--org "Name"] [--webhooks]';

const { values } = parseArgs({
  options: {
    ...simCliOptions,
    webhooks: { type: 'boolean' },
  },
});

const sim = await startConsioSim({
  ...simStartOptions(values, usage),
  webhooks: values.webhooks === true,
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
