import type { DemoVipps } from './demo-vipps.ts';
import type { DemoPerson } from './demo-people.ts';

/**
 * Members logging in with Vipps now and then, so the demo's enrichment statistics move while
 * an administrator watches: every `everyMs`, the account links are brought up to date and one
 * person who has not logged in yet, and whose registry lacks their number, signs in through the
 * real OIDC flow and the real enrichment endpoint. `beforeLogin` lets the host switch
 * enrichment on once the first sync has brought the members in.
 */
export function startDemoVippsActivity(
  vipps: DemoVipps,
  options: { everyMs: number; beforeLogin: () => Promise<void>; log: (line: string) => void },
): { stop(): void } {
  const waiting: DemoPerson[] = vipps.people.filter((person) => person.vipps !== null && !person.registryHasNumber);
  let busy = false;
  const timer = setInterval(() => {
    if (busy || waiting.length === 0) return;
    busy = true;
    void (async () => {
      try {
        await vipps.linkMembers();
        await options.beforeLogin();
        const [person] = waiting.splice(Math.floor(Math.random() * waiting.length), 1);
        if (person) await vipps.login(person);
      } catch (error) {
        options.log(`Demo Vipps login failed: ${error instanceof Error ? error.name : 'error'}`);
      } finally {
        busy = false;
      }
    })();
  }, options.everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
