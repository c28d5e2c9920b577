import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../shared/domain/errors.ts';

/**
 * A failure in words from its code, and what to do about it where its sentence alone would leave
 * the administrator stuck. The board, a run's detail and the alerts say it the same way; given
 * the integration, refused credentials link to the screen where new ones are entered.
 */
export function ErrorExplanation({ code, integrationId }: { code: ErrorCode; integrationId?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <p>{t(`errors.${code}`)}</p>
      {code === 'source_auth_failed' ? (
        <>
          <p data-testid="what-to-do">{t('whatToDo.source_auth_failed')}</p>
          {integrationId ? (
            <p>
              <Link to="/integrations/$integrationId" params={{ integrationId }} data-testid="credentials-settings-link">
                {t('whatToDo.openSettings')}
              </Link>
            </p>
          ) : null}
        </>
      ) : null}
    </>
  );
}
