import { parseArgs } from 'node:util';
import { runConnectionTest } from '../backend/engine/connection-test.ts';
import { connectRegistry } from '../backend/engine/source-resolver.ts';
import { CONNECTION_TEST_DEADLINE_MS, type RegistryConnection } from '../shared/contract/integrations.ts';
import { startConsioSim } from '../sim/consio/server.ts';
import { startCornerstoneSim } from '../sim/cornerstone/server.ts';
import { fmt, printFigures, saveFigures, type Figure } from './support/report.ts';

/**
 * "Test connection" as an admin presses it: a fresh adapter each time (so each includes the
 * login), against simulated registries of 100 000 members on this machine, through the same
 * function the handlers use. Then once against a registry that never answers, to show the hard
 * deadline holds.
 */
const { values } = parseArgs({
  options: { repeat: { type: 'string', default: '20' }, members: { type: 'string', default: '100000' }, json: { type: 'string' } },
});
const repeat = Number(values.repeat);
const members = Number(values.members);

const cornerstone = await startCornerstoneSim({ memberCount: members, organizationName: 'Bench Cornerstone' });
const consio = await startConsioSim({ memberCount: members, organizationName: 'Bench Consio' });
const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? Number.NaN;

async function timeTest(connection: RegistryConnection): Promise<{ ms: number; outcome: string }> {
  const result = await runConnectionTest(() => connectRegistry(connection, { allowLoopbackHttp: true, timeoutMs: CONNECTION_TEST_DEADLINE_MS }), {
    deadlineMs: CONNECTION_TEST_DEADLINE_MS,
    credentialKind: connection.credentials.kind,
  });
  return { ms: result.elapsedMs, outcome: result.outcome === 'connected' ? 'connected' : result.problem };
}

const figures: Figure[] = [];
try {
  const { username, password, clientId } = cornerstone.credentials;
  const cases: Array<[string, RegistryConnection]> = [
    [
      'Cornerstone, username + password + client id',
      { system: 'cornerstone', baseUrl: cornerstone.url, credentials: { kind: 'user_password_client', username, password, clientId } },
    ],
    [
      'Cornerstone, API key',
      { system: 'cornerstone', baseUrl: cornerstone.url, credentials: { kind: 'api_key', apiKey: cornerstone.credentials.apiKey } },
    ],
    [
      'Consio, OAuth client credentials',
      { system: 'consio', baseUrl: consio.url, credentials: { kind: 'client_credentials', ...consio.credentials } },
    ],
  ];
  for (const [label, connection] of cases) {
    const samples: number[] = [];
    for (let i = 0; i <= repeat; i++) {
      const { ms, outcome } = await timeTest(connection);
      if (outcome !== 'connected') throw new Error(`${label}: ${outcome}`);
      if (i > 0) samples.push(ms); // the first warms the process
    }
    figures.push({
      benchmark: 'Connection test',
      label: `${label}, median @ ${fmt(members)} members`,
      value: median(samples),
      unit: 'ms',
      target: { kind: 'max', value: 1000 },
    });
    figures.push({
      benchmark: 'Connection test',
      label: `${label}, slowest of ${repeat}`,
      value: Math.max(...samples),
      unit: 'ms',
      target: { kind: 'max', value: 1000 },
    });
  }
  // A registry that never answers: the test must answer by the deadline, as a timeout.
  cornerstone.setLatency(CONNECTION_TEST_DEADLINE_MS * 3);
  const silent = await timeTest(cases[0]?.[1] as RegistryConnection);
  if (silent.outcome !== 'timeout') throw new Error(`a silent registry gave ${silent.outcome}`);
  figures.push({
    benchmark: 'Connection test',
    label: 'a registry that never answers: answered as a timeout after',
    value: silent.ms,
    unit: 'ms',
    target: { kind: 'max', value: CONNECTION_TEST_DEADLINE_MS + 500 },
  });
} finally {
  await cornerstone.close();
  await consio.close();
}
printFigures(figures);
await saveFigures(values.json, figures, [
  `Connection test: a fresh adapter per test (login included), median of ${repeat}, simulators on this machine.`,
]);
