import { parseArgs } from 'node:util';
import { startCornerstoneSim } from './server.ts';

const usage =
  'Usage: node --import tsx sim/cornerstone/cli.ts [--members 100000] [--port 4010] [--seed 1] [--org "Name"] [--webhook-url URL --webhook-secret SECRET]';

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
    'webhook-url': { type: 'string' },
    'webhook-secret': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(usage);
  process.exit(0);
}

const sim = await startCornerstoneSim({
  memberCount: wholeNumber('members', values.members, 1000),
  port: wholeNumber('port', values.port, 0),
  seed: wholeNumber('seed', values.seed, 1),
  ...(values.org === undefined ? {} : { organizationName: values.org }),
});

const webhookUrl = values['webhook-url'];
const webhookSecret = values['webhook-secret'];
if ((webhookUrl === undefined) !== (webhookSecret === undefined)) {
  console.error(`--webhook-url and --webhook-secret go together\n${usage}`);
  await sim.close();
  process.exit(2);
}
if (webhookUrl !== undefined && webhookSecret !== undefined) sim.configureWebhooks({ url: webhookUrl, secret: webhookSecret });

const { username, password, clientId, apiKey } = sim.credentials;
console.log(`Cornerstone simulator: ${sim.url}`);
console.log(`  organization: ${sim.organization.name} (${sim.memberCount} synthetic members, seed ${sim.seed})`);
console.log(`  username:     ${username}`);
console.log(`  password:     ${password}`);
console.log(`  client_id:    ${clientId}`);
console.log(`  X-Api-Key:    ${apiKey}`);
if (webhookUrl !== undefined) console.log(`  webhooks to:  ${webhookUrl}`);
console.log('Press Ctrl+C to stop.');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sim.close().then(() => process.exit(0));
  });
}
