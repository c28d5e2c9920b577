import { describe, expect, it } from 'vitest';
import { createCpuBudget, processCpuClock } from '../../backend/engine/cpu-budget.ts';

/** A CPU clock the test moves by hand. */
function manualClock(start = 500) {
  let now = start;
  return { clock: () => now, spend: (ms: number) => (now += ms) };
}

describe('the CPU budget of a worker invocation', () => {
  it('counts only the CPU used since it began', () => {
    const { clock, spend } = manualClock(10_000);
    const budget = createCpuBudget(clock, 1_500);
    spend(120);
    expect(budget.usedMs()).toBe(120);
  });

  it('has room before any slice is measured only while the budget is not used up', () => {
    const { clock, spend } = manualClock();
    const budget = createCpuBudget(clock, 100);
    spend(99);
    expect(budget.hasRoomFor(2)).toBe(true);
    spend(1);
    expect(budget.hasRoomFor(2)).toBe(false);
  });

  it('starts no slice that the largest measured slice would take past the budget', () => {
    const { clock, spend } = manualClock();
    const budget = createCpuBudget(clock, 1_000);
    spend(100);
    budget.lap(); // a first page cycle of 100 ms
    spend(300);
    budget.lap(); // a heavier one: the estimate is now 300 ms
    spend(50);
    budget.lap(); // a light one does not lower it
    // 450 used: two more slices of 300 would end at 1 050, past 1 000; one still fits.
    expect(budget.hasRoomFor(1)).toBe(true);
    expect(budget.hasRoomFor(2)).toBe(false);
  });

  it('does not count the time between jobs as a slice', () => {
    const { clock, spend } = manualClock();
    const budget = createCpuBudget(clock, 1_000);
    spend(40);
    budget.lap();
    spend(500); // finishing one job and claiming the next
    budget.restartLaps();
    spend(40);
    budget.lap();
    // Used 580; slices measured at 40 ms each, so ten more would fit but not eleven.
    expect(budget.hasRoomFor(10)).toBe(true);
    expect(budget.hasRoomFor(11)).toBe(false);
  });

  it("reads this process's CPU, which grows with work and not with waiting", async () => {
    const clock = processCpuClock();
    if (!clock) throw new Error('Node has process.cpuUsage');
    const before = clock();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const waited = clock() - before;
    const busyFrom = clock();
    const until = performance.now() + 200;
    let spin = 0;
    while (performance.now() < until) spin++;
    const busy = clock() - busyFrom;
    // On a busy machine the spin gets only part of a core, so no more than that is asked of it.
    expect(spin).toBeGreaterThan(0);
    expect(busy).toBeGreaterThan(20);
    expect(waited).toBeLessThan(busy);
  });
});
