import { useTranslation } from 'react-i18next';
import type { SaveOutcome } from './connection-form.ts';

/**
 * What saving new credentials did: saved (and whether the first full sync is queued), or nothing
 * saved and why. Shown in place only, not a live region: a save is announced through the shell's
 * one live region, and a refusal reaches the admin as a notice too.
 */
export function CredentialsSaved({ outcome }: { outcome: SaveOutcome | null }) {
  const { t } = useTranslation(['integrations', 'common']);
  return (
    <div data-testid="credentials-save-outcome">
      {outcome === null ? null : outcome.saved ? (
        <p className="callout tone-ok" data-saved="true">
          <span aria-hidden="true">✓ </span>
          {outcome.queued ? t('save.savedQueued') : t('save.saved')}
        </p>
      ) : (
        <div className="callout tone-error" data-saved="false" data-code={outcome.error?.code ?? ''}>
          <p className="callout-title">{t('save.failedTitle')}</p>
          <p>{outcome.error?.code.startsWith('source_') ? t('save.refused') : t(`common:errors.${outcome.error?.code ?? 'unexpected'}`)}</p>
          {outcome.error ? <p className="actor">{t(`common:actor.${outcome.error.actor}`)}</p> : null}
        </div>
      )}
    </div>
  );
}
