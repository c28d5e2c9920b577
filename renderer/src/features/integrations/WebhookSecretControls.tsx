import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { announce } from '../../stores/announce.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { FormField } from '../../ui/FormField.tsx';
import { NewSecretBox } from './NewSecretBox.tsx';
import { useRotateWebhookSecret } from './queries.ts';

/** How long the replaced secret is still accepted, in hours (the contract allows 0 to 168; 24 by default). */
const OVERLAPS = [
  [0, 'none'],
  [1, 'hour'],
  [24, 'day'],
  [168, 'week'],
] as const;
type OverlapKey = (typeof OVERLAPS)[number][1];
const DEFAULT_OVERLAP = 24;

/**
 * Makes the first signing secret, or replaces it after confirmation. The new secret is kept
 * in this component's state only, until the admin dismisses it or leaves the page.
 */
export function WebhookSecretControls({ integrationId, hasSecret }: { integrationId: string; hasSecret: boolean }) {
  const { t } = useTranslation(['integrations', 'common']);
  const rotate = useRotateWebhookSecret();
  const [overlapHours, setOverlapHours] = useState(DEFAULT_OVERLAP);
  const [confirming, setConfirming] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const secretField = useRef<HTMLInputElement>(null);
  // The dialog hands focus back to its opener as it closes; a secret that just arrived takes it from there.
  const closeDialog = useCallback(() => {
    setConfirming(false);
    secretField.current?.focus();
  }, []);
  const overlapKey: OverlapKey = OVERLAPS.find(([hours]) => hours === overlapHours)?.[1] ?? 'day';

  const run = () =>
    rotate.mutate(
      { integrationId, overlapHours: hasSecret ? overlapHours : 0 },
      {
        onSuccess: (output) => {
          setSecret(output.secret);
          announce(t('webhooks.announceSecret'));
        },
        // The answer held the secret: it stays in `secret` above, nowhere else (the call itself is reset).
        onSettled: () => setConfirming(false),
      },
    );

  const dismiss = () => {
    setSecret(null);
    opener.current?.focus();
  };

  return (
    <div className="webhook-secret-controls">
      {hasSecret ? (
        <FormField label={t('webhooks.overlap')} hint={t('webhooks.overlapHint')}>
          {(control) => (
            <select {...control} value={overlapHours} onChange={(event) => setOverlapHours(Number(event.target.value))}>
              {OVERLAPS.map(([hours, key]) => (
                <option key={key} value={hours}>
                  {t(`webhooks.overlapChoice.${key}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
      ) : null}
      <div className="form-actions">
        <Button ref={opener} busy={rotate.isPending} onClick={() => (hasSecret ? setConfirming(true) : run())}>
          {hasSecret ? t('webhooks.rotate') : t('webhooks.generate')}
        </Button>
      </div>
      {secret !== null ? <NewSecretBox secret={secret} fieldRef={secretField} onDismiss={dismiss} /> : null}
      <Dialog
        open={confirming}
        title={t('webhooks.confirmTitle')}
        onClose={closeDialog}
        actions={
          <>
            <Button onClick={closeDialog}>{t('common:actions.cancel')}</Button>
            <Button variant="primary" busy={rotate.isPending} onClick={run}>
              {t('webhooks.confirm')}
            </Button>
          </>
        }
      >
        <p>{overlapHours === 0 ? t('webhooks.confirmBodyNow') : t('webhooks.confirmBody', { overlap: t(`webhooks.overlapChoice.${overlapKey}`) })}</p>
      </Dialog>
    </div>
  );
}
