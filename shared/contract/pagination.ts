import { z } from 'zod';

/**
 * Lists page by keyset, never by offset: a page is "the rows after this one" in a fixed order,
 * so rows inserted while an admin pages do not shift later pages into duplicates or gaps.
 * The cursor is opaque to the renderer; only the backend reads it.
 */
export const PageCursor = z.string().min(1).max(200);

/** At most 100 rows a page; 25 unless asked. */
export const PageLimit = z.number().int().min(1).max(100).default(25);

export function pageOf<Item extends z.ZodType>(item: Item) {
  return z.object({
    items: z.array(item),
    /** Null on the last page. */
    nextCursor: PageCursor.nullable(),
  });
}
