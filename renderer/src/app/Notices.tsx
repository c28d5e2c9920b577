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
    <div className="notices" role="alert" data-testid="notices">
      {notices.map((notice) => (
        <div key={notice.id} className="notice" data-code={notice.error?.code ?? 'unexpected'}>
          <p>
            {errorText(notice.error)}
            {notice.repeats > 1 ? ` (×${notice.repeats})` : ''}
          </p>
          {notice.error ? <p className="actor">{t(`actor.${notice.error.actor}`)}</p> : null}
          <button type="button" className="button button-link" onClick={() => dismiss(notice.id)}>
            {t('actions.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
