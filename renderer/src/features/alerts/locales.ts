import type { Catalog } from '../../i18n/catalog.ts';

const en = {
  title: 'Alerts',
  intro:
    'Problems with syncing that someone must act on, most recent first. An alert closes by itself once its problem is gone. Acknowledge an alert to let other administrators know someone is on it.',
  filters: {
    label: 'Filter alerts',
    organization: 'Organization',
    allOrganizations: 'All organizations',
    registry: 'Member registry',
    allRegistries: 'All registries',
    status: 'Show',
    open: 'Open alerts',
    all: 'All alerts, closed ones too',
  },
  empty: {
    open: 'No open alerts. Nothing needs your attention right now.',
    all: 'There are no alerts.',
  },
  listLabel: 'Alerts, most recent first',
  severity: { warning: 'Warning', error: 'Error' },
  registry: 'Member registry: {{name}}',
  kind: {
    credentials_failed: 'The registry refused our username or password',
    repeated_failures: 'Several syncs in a row failed',
    stale_late: 'Syncing is late',
    stale_error: 'Member data is out of date',
    webhook_signature: 'Change notices from the registry were refused',
    run_held: 'A full sync waits for your approval',
    source_write_failed: 'A change could not be saved in the registry',
    records_quarantined: 'Some member records could not be read',
    enrichment_write_late: 'A national identity number from Vipps is not in the registry yet',
  },
  body: {
    credentials_failed: 'The registry no longer accepts the saved username or password, so no sync can run until it is fixed.',
    repeated_failures: 'The last {{count, number}} syncs failed. The latest one said: {{error}}',
    stale_late: 'No sync has succeeded for {{count, number}} hours. The last successful one was {{when}}.',
    stale_late_never: 'No sync has succeeded for {{count, number}} hours.',
    stale_error: 'The member data is out of date: no sync has succeeded for {{count, number}} hours.',
    latestError: 'The latest sync said: {{error}}',
    webhook_signature: 'The registry sent notices of changes that we refused: {{reason}} Changes still arrive with the nightly full sync.',
    refusal: {
      signature_missing: 'they carried no signature.',
      signature_malformed: 'their signature could not be read.',
      signature_mismatch: 'their signature did not match the secret agreed with the registry.',
      unknown: 'their signature could not be checked.',
    },
    run_held_one:
      'A full sync would lapse or remove {{count, number}} member, more than the safety limit of {{threshold, number}} at once. It waits until an administrator approves or rejects it.',
    run_held_other:
      'A full sync would lapse or remove {{count, number}} members, more than the safety limit of {{threshold, number}} at once. It waits until an administrator approves or rejects it.',
    source_write_failed: 'A change to member {{externalId}} could not be saved in the registry: {{error}}',
    records_quarantined_one:
      '{{count, number}} member record from the registry could not be read and was set aside. Correct it in the registry; the next sync picks it up.',
    records_quarantined_other:
      '{{count, number}} member records from the registry could not be read and were set aside. Correct them in the registry; the next sync picks them up.',
    enrichment_write_late:
      'A member logged in with Vipps, but their national identity number had not been written to member {{externalId}} in the registry 30 seconds later.',
    enrichment_write_late_error:
      'A member logged in with Vipps, but their national identity number had not been written to member {{externalId}} in the registry 30 seconds later. The latest attempt said: {{error}}',
  },
  occurrencesLabel: 'How often',
  occurrences_one: 'Happened once',
  occurrences_other: 'Happened {{count, number}} times',
  firstSeen: 'First seen',
  lastSeen: 'Last seen',
  resolved: 'Closed',
  resolvedAt: 'Closed {{when}}: the problem is gone.',
  acknowledge: 'Acknowledge',
  acknowledging: 'Acknowledging…',
  acknowledgedBy: 'Acknowledged by {{name}}, {{when}}',
  announceAcknowledged: 'Alert acknowledged: {{title}}',
  links: {
    reviewRun: 'Review and approve',
    openRun: 'Open the sync',
    failedRun: 'Open the sync that failed',
    quarantinedRun: 'See which records',
    history: 'Run history',
    sourceWrite: 'Find the conflict whose change could not be written to the registry',
    sourceWriteConflict: 'Open the conflict whose change could not be written',
    credentialSettings: 'Enter new sign-in details in the settings',
    webhookSettings: 'Check the change notices in the settings',
    enrichment: 'See what could not be written, and try again',
  },
} as const;

const nb: Catalog<typeof en> = {
  title: 'Varsler',
  intro:
    'Problemer med synkroniseringen som noen må gjøre noe med, de nyeste først. Et varsel lukkes av seg selv når problemet er borte. Kvitter for et varsel for å vise andre administratorer at noen tar seg av det.',
  filters: {
    label: 'Filtrer varsler',
    organization: 'Organisasjon',
    allOrganizations: 'Alle organisasjoner',
    registry: 'Medlemsregister',
    allRegistries: 'Alle registre',
    status: 'Vis',
    open: 'Åpne varsler',
    all: 'Alle varsler, også lukkede',
  },
  empty: {
    open: 'Ingen åpne varsler. Ingenting trenger oppmerksomheten din akkurat nå.',
    all: 'Det finnes ingen varsler.',
  },
  listLabel: 'Varsler, de nyeste først',
  severity: { warning: 'Advarsel', error: 'Feil' },
  registry: 'Medlemsregister: {{name}}',
  kind: {
    credentials_failed: 'Registeret godtok ikke brukernavnet eller passordet vårt',
    repeated_failures: 'Flere synker på rad mislyktes',
    stale_late: 'Synkroniseringen er forsinket',
    stale_error: 'Medlemsdataene er utdaterte',
    webhook_signature: 'Endringsvarsler fra registeret ble avvist',
    run_held: 'En fullstendig synk venter på godkjenning fra deg',
    source_write_failed: 'En endring kunne ikke lagres i registeret',
    records_quarantined: 'Noen medlemsoppføringer kunne ikke leses',
    enrichment_write_late: 'Et fødselsnummer fra Vipps er ikke i medlemsregisteret ennå',
  },
  body: {
    credentials_failed: 'Registeret godtar ikke lenger det lagrede brukernavnet eller passordet, så ingen synk kan kjøre før dette er rettet.',
    repeated_failures: 'De siste {{count, number}} synkene mislyktes. Den siste sa: {{error}}',
    stale_late: 'Ingen synk har lyktes på {{count, number}} timer. Den siste vellykkede var {{when}}.',
    stale_late_never: 'Ingen synk har lyktes på {{count, number}} timer.',
    stale_error: 'Medlemsdataene er utdaterte: ingen synk har lyktes på {{count, number}} timer.',
    latestError: 'Den siste synken sa: {{error}}',
    webhook_signature:
      'Registeret sendte varsler om endringer som vi avviste: {{reason}} Endringene kommer likevel inn med den fullstendige synken om natten.',
    refusal: {
      signature_missing: 'de hadde ingen signatur.',
      signature_malformed: 'signaturen deres kunne ikke leses.',
      signature_mismatch: 'signaturen deres stemte ikke med hemmeligheten som er avtalt med registeret.',
      unknown: 'signaturen deres kunne ikke kontrolleres.',
    },
    run_held_one:
      'En fullstendig synk ville avsluttet eller fjernet {{count, number}} medlem, mer enn sikkerhetsgrensen på {{threshold, number}} om gangen. Den venter til en administrator godkjenner eller avviser den.',
    run_held_other:
      'En fullstendig synk ville avsluttet eller fjernet {{count, number}} medlemmer, mer enn sikkerhetsgrensen på {{threshold, number}} om gangen. Den venter til en administrator godkjenner eller avviser den.',
    source_write_failed: 'En endring for medlem {{externalId}} kunne ikke lagres i registeret: {{error}}',
    records_quarantined_one:
      '{{count, number}} medlemsoppføring fra registeret kunne ikke leses og ble lagt til side. Rett den i registeret; neste synk henter den inn.',
    records_quarantined_other:
      '{{count, number}} medlemsoppføringer fra registeret kunne ikke leses og ble lagt til side. Rett dem i registeret; neste synk henter dem inn.',
    enrichment_write_late:
      'Et medlem logget inn med Vipps, men 30 sekunder senere var fødselsnummeret ennå ikke skrevet til medlem {{externalId}} i medlemsregisteret.',
    enrichment_write_late_error:
      'Et medlem logget inn med Vipps, men 30 sekunder senere var fødselsnummeret ennå ikke skrevet til medlem {{externalId}} i medlemsregisteret. Det siste forsøket sa: {{error}}',
  },
  occurrencesLabel: 'Hvor ofte',
  occurrences_one: 'Skjedde én gang',
  occurrences_other: 'Skjedde {{count, number}} ganger',
  firstSeen: 'Først sett',
  lastSeen: 'Sist sett',
  resolved: 'Lukket',
  resolvedAt: 'Lukket {{when}}: problemet er borte.',
  acknowledge: 'Kvitter',
  acknowledging: 'Kvitterer …',
  acknowledgedBy: 'Kvittert av {{name}}, {{when}}',
  announceAcknowledged: 'Varselet er kvittert: {{title}}',
  links: {
    reviewRun: 'Se gjennom og godkjenn',
    openRun: 'Åpne synken',
    failedRun: 'Åpne synken som mislyktes',
    quarantinedRun: 'Se hvilke oppføringer',
    history: 'Synkhistorikk',
    sourceWrite: 'Finn konflikten med endringen som ikke kunne skrives til registeret',
    sourceWriteConflict: 'Åpne konflikten med endringen som ikke kunne skrives',
    credentialSettings: 'Skriv inn nye påloggingsopplysninger i innstillingene',
    webhookSettings: 'Se på endringsvarslene i innstillingene',
    enrichment: 'Se hva som ikke ble skrevet, og prøv igjen',
  },
};

export const alertsText = { en, nb };
