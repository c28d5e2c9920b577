import { useEffect, useId, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';

/** A new webhook secret, shown this once: focus moves to it so it can be copied at once. */
export function NewSecretBox({ secret, fieldRef, onDismiss }: { secret: string; fieldRef: RefObject<HTMLInputElement | null>; onDismiss(): void }) {
  const { t } = useTranslation('integrations');
  const headingId = useId();
  const fieldId = useId();

  useEffect(() => {
    fieldRef.current?.focus();
  }, [secret, fieldRef]);

  return (
    <div className="callout tone-warning new-secret" role="group" aria-labelledby={headingId} data-testid="new-webhook-secret">
      <p id={headingId} className="callout-title">
        <span aria-hidden="true">! </span>
        {t('webhooks.newSecretTitle')}
      </p>
      <label htmlFor={fieldId}>{t('webhooks.newSecretLabel')}</label>
      <input
        ref={fieldRef}
        id={fieldId}
        type="text"
        readOnly
        value={secret}
        className="copyable"
        autoComplete="off"
        spellCheck={false}
        aria-describedby={`${fieldId}-warning`}
        onFocus={(event) => event.target.select()}
      />
      <p id={`${fieldId}-warning`}>
        <strong>{t('webhooks.newSecretWarning')}</strong>
      </p>
      <Button onClick={onDismiss}>{t('webhooks.newSecretDone')}</Button>
    </div>
  );
}
