import { useDismissNotice, useNotices } from './stores/notify.ts';
import { ACTOR_LABELS } from './features/health/health-labels.ts';

export function Notices() {
  const notices = useNotices();
  const dismiss = useDismissNotice();
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="alert">
      {notices.map((notice) => (
        <div key={notice.id} className="notice">
          <p>{notice.message}</p>
          {notice.actor ? <p className="actor">{ACTOR_LABELS[notice.actor]}</p> : null}
          <button type="button" onClick={() => dismiss(notice.id)} aria-label="Dismiss">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
