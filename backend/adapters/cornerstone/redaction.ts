import { isValidFodselsnummer } from '../../../shared/domain/fodselsnummer.ts';

const elevenDigitRun = /(?<!\d)\d{11}(?!\d)/g;
const elevenDigits = /\d{11}/;

/** Whether an id embeds a valid fødselsnummer, as some registers use it as the member number. */
export function embedsFodselsnummer(id: string): boolean {
  // Asked of every record of every page: most ids have no eleven digits in a row at all.
  if (!elevenDigits.test(id)) return false;
  return Array.from(id.matchAll(elevenDigitRun), (match) => match[0]).some(isValidFodselsnummer);
}

/** How a message names a member: by id, unless the id itself would identify the person. */
export function memberLabel(externalId: string): string {
  return embedsFodselsnummer(externalId) || externalId.length > 100 ? 'the member' : `member ${externalId}`;
}
