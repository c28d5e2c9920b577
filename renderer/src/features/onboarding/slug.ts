/** The slug field's limit in the contract (`OrganizationSlug`). */
const MAX_SLUG_LENGTH = 60;

// Norwegian letters are spelled out the way Norwegians write them in addresses, not dropped.
const spelledOut: Record<string, string> = { æ: 'ae', ø: 'o', å: 'a' };

/**
 * A web-address name suggested from an organization's name: "Bøler Søndre Ærlige Åpne Lag" →
 * "boler-sondre-aerlige-apne-lag". Other accents are dropped; anything else becomes one hyphen.
 */
export function suggestSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[æøå]/g, (letter) => spelledOut[letter] ?? letter)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, '');
}
