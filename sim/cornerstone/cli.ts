import { parseArgs } from 'node:util';
import { simCliOptions, simStartOptions } from '../shared/cli.ts';
import { startCornerstoneSim } from './server.ts';

const usage =
  'Usage: node --import tsx sim/cornerstone/cli.ts [--members 100000] [--port 4010] [--seed 1] [--org "Name"] [--webhook-url URL --webhook-secret SECRET]';

const { values } = parseArgs({
  options: {
    ...simCliOptions,
    'webhook-url': { type: 'string' },
    'webhook-secret': { type: 'string' },
  },
});

const sim = await startCornerstoneSim({
  ...simStartOptions(values, usage),
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
