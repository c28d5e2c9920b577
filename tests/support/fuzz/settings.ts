/**
 * The fuzz suites run with a fixed seed, so a failure is the same on every machine and every
 * run, and enough runs per operation or endpoint to find the defects of issue 8 when their fix
 * is reverted (the closing note of that issue shows it). `FUZZ_SEED` and `FUZZ_RUNS` in the
 * environment explore further, e.g. `FUZZ_SEED=$RANDOM FUZZ_RUNS=2000 npx vitest run tests/db/fuzz-*`.
 */
const fromEnv = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isSafeInteger(value) && value > 0 ? value : fallback;
};

export const FUZZ_SEED = fromEnv('FUZZ_SEED', 20_261_201);
export const FUZZ_RUNS = fromEnv('FUZZ_RUNS', 200);
