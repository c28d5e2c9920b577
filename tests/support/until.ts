/**
 * Reads until the answer is not undefined (a row in the database, a job that ended), every
 * 100 ms; fails after `timeoutMs`. For what the screen shows, use Testing Library's `findBy…`
 * and `waitFor` instead.
 */
export async function until<T>(read: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Nothing came within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
