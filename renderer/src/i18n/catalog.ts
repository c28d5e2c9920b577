/**
 * A catalog in another language has exactly the English catalog's keys, each a string: a
 * missing or extra key fails `tsc`, and `tests/unit/catalogs.test.ts` proves it again at run
 * time for every namespace.
 */
export type Catalog<English> = { [Key in keyof English]: English[Key] extends string ? string : Catalog<English[Key]> };

export const languages = ['nb', 'en'] as const;
export type Language = (typeof languages)[number];
export const DEFAULT_LANGUAGE: Language = 'nb';

/** The locale that dates and numbers follow in each language. */
export const LOCALES: Record<Language, string> = { nb: 'nb-NO', en: 'en-GB' };
