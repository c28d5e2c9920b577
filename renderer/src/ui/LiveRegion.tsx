import { useAnnouncement } from '../stores/announce.ts';

/** The console's one live region, mounted once in the shell (see stores/announce.ts). */
export function LiveRegion() {
  const { message, serial } = useAnnouncement();
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="live-region">
      <span key={serial}>{message}</span>
    </div>
  );
}
