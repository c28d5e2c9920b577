import { useTranslation } from 'react-i18next';
import { useDismissNotice, useNotices } from '../stores/notify.ts';
import { useErrorText } from '../i18n/error-text.ts';

export function Notices() {
  const notices = useNotices();
  const dismiss = useDismissNotice();
  const errorText = useErrorText();
  const { t } = useTranslation();
  if (notices.length === 0) return null;
  return (
    // Each notice is announced once, when it appears; the list itself is a labelled region.
    <section className="notices" aria-label={t('app.notices')} data-testid="notices">
      {notices.map((notice) => (
        <div key={notice.id} className="notice" data-code={notice.error?.code ?? 'unexpected'}>
          <p role="alert">{errorText(notice.error)}</p>
          {notice.repeats > 1 ? <p className="actor">{t('errors.repeated', { count: notice.repeats })}</p> : null}
          {notice.error ? <p className="actor">{t(`actor.${notice.error.actor}`)}</p> : null}
          <button type="button" className="button button-link" onClick={() => dismiss(notice.id)}>
            {t('actions.dismiss')}
          </button>
        </div>
      ))}
    </section>
  );
}
