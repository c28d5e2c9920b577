/** Common Norwegian names (after SSB's name statistics), so synthetic members look like a real register. */
export const femaleFirstNames = [
  'Anne', 'Inger', 'Kari', 'Marit', 'Ingrid', 'Liv', 'Eva', 'Berit', 'Astrid', 'Bjørg',
  'Hilde', 'Anna', 'Solveig', 'Marianne', 'Randi', 'Ida', 'Nina', 'Maria', 'Elisabeth', 'Kristin',
  'Sara', 'Nora', 'Emma', 'Sofie', 'Ingeborg', 'Thea', 'Emilie', 'Julie', 'Maja', 'Silje',
  'Hanne', 'Tone', 'Camilla', 'Ragnhild', 'Åse', 'Sigrid', 'Turid', 'Gro', 'Mette', 'Heidi',
] as const;

export const maleFirstNames = [
  'Jan', 'Per', 'Bjørn', 'Ole', 'Lars', 'Kjell', 'Knut', 'Arne', 'Svein', 'Thomas',
  'Hans', 'Geir', 'Tor', 'Morten', 'Terje', 'Odd', 'Erik', 'Martin', 'Andreas', 'John',
  'Anders', 'Rune', 'Trond', 'Tore', 'Jon', 'Håkon', 'Magnus', 'Jonas', 'Emil', 'Henrik',
  'Sindre', 'Eirik', 'Sverre', 'Øyvind', 'Espen', 'Even', 'Jakob', 'Filip', 'Aksel', 'Tobias',
] as const;

export const lastNames = [
  'Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsen',
  'Johnsen', 'Pettersen', 'Eriksen', 'Berg', 'Haugen', 'Hagen', 'Johannessen', 'Andreassen', 'Jacobsen', 'Dahl',
  'Jørgensen', 'Henriksen', 'Lund', 'Halvorsen', 'Sørensen', 'Jakobsen', 'Moen', 'Gundersen', 'Iversen', 'Strand',
  'Solberg', 'Svendsen', 'Eide', 'Knutsen', 'Martinsen', 'Paulsen', 'Bakken', 'Kristoffersen', 'Mathisen', 'Lie',
  'Amundsen', 'Nguyen', 'Rasmussen', 'Ali', 'Lunde', 'Solheim', 'Berge', 'Moe', 'Nygård', 'Bakke',
  'Fredriksen', 'Holm', 'Lien', 'Hauge', 'Sæther', 'Aas', 'Hovland', 'Myhre', 'Haugland', 'Ahmed',
] as const;

/** Local chapters, keyed by the municipality number of the town they are in. */
export const localChapters = [
  { unitId: 'LL-0301', unitName: 'Oslo lokallag' },
  { unitId: 'LL-4601', unitName: 'Bergen lokallag' },
  { unitId: 'LL-5001', unitName: 'Trondheim lokallag' },
  { unitId: 'LL-1103', unitName: 'Stavanger lokallag' },
  { unitId: 'LL-5501', unitName: 'Tromsø lokallag' },
  { unitId: 'LL-4204', unitName: 'Kristiansand lokallag' },
  { unitId: 'LL-3301', unitName: 'Drammen lokallag' },
  { unitId: 'LL-3107', unitName: 'Fredrikstad lokallag' },
  { unitId: 'LL-1804', unitName: 'Bodø lokallag' },
  { unitId: 'LL-1508', unitName: 'Ålesund lokallag' },
  { unitId: 'LL-3405', unitName: 'Lillehammer lokallag' },
  { unitId: 'LL-3403', unitName: 'Hamar lokallag' },
  { unitId: 'LL-1506', unitName: 'Molde lokallag' },
  { unitId: 'LL-5503', unitName: 'Harstad lokallag' },
  { unitId: 'LL-3118', unitName: 'Askim lokallag' },
  { unitId: 'LL-1108', unitName: 'Sandnes lokallag' },
  { unitId: 'LL-3905', unitName: 'Tønsberg lokallag' },
  { unitId: 'LL-4003', unitName: 'Skien lokallag' },
] as const;

const emailLetters: Record<string, string> = { æ: 'ae', ø: 'o', å: 'a', é: 'e' };

/** Lower-case ASCII, as Norwegians usually spell their names in e-mail addresses. */
export function emailLocalPart(name: string): string {
  return name
    .toLowerCase()
    .replace(/[æøåé]/g, (letter) => emailLetters[letter] ?? '')
    .replace(/[^a-z0-9]/g, '');
}
