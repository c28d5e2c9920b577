const numberFormat = new Intl.NumberFormat('nb-NO');
const dateTimeFormat = new Intl.DateTimeFormat('nb-NO', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/Oslo',
});

export const formatCount = (value: number): string => numberFormat.format(value);
export const formatDateTime = (iso: string): string => dateTimeFormat.format(new Date(iso));

/** "about 12 s left", from the rate so far; null until there is a rate to go on. */
export function estimateRemaining(processed: number, total: number | null, startedAtIso: string | null, now: number): string | null {
  if (!total || !startedAtIso || processed <= 0 || processed >= total) return null;
  const elapsed = now - new Date(startedAtIso).getTime();
  if (elapsed <= 0) return null;
  const seconds = Math.ceil(((total - processed) * elapsed) / processed / 1000);
  return seconds < 90 ? `about ${seconds} s left` : `about ${Math.ceil(seconds / 60)} min left`;
}
