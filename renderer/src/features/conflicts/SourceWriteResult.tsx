import { useTranslation } from 'react-i18next';
import type { ConflictSourceWrite } from '../../../../shared/contract/conflicts.ts';
import { actorForErrorCode } from '../../../../shared/domain/errors.ts';
import { useFormat } from '../../i18n/format.ts';
import { Spinner } from '../../ui/Spinner.tsx';

const TONES = { not_needed: 'tone-neutral', pending: 'tone-info', written: 'tone-ok', failed: 'tone-error' } as const;

/** What became of writing the app's value to the registry, once the app's value won. */
export function SourceWriteResult({ write }: { write: ConflictSourceWrite }) {
  const { t } = useTranslation(['conflicts', 'common']);
  const format = useFormat();
  return (
    <div className={`callout ${TONES[write.status]}`} data-testid="source-write" data-status={write.status}>
      <p className="callout-title">{t('detail.writeHeading')}</p>
      {write.status === 'pending' ? (
        <p>
          <Spinner /> {t('detail.write.pending')}
        </p>
      ) : write.status === 'written' ? (
        <p>{write.at ? t('detail.write.written', { at: format.dateTime(write.at) }) : t('detail.write.writtenNoTime')}</p>
      ) : write.status === 'failed' ? (
        <>
          <p>{t('detail.write.failed')}</p>
          <p>{t(`common:errors.${write.errorCode ?? 'internal'}`)}</p>
          <p className="actor">{t(`common:actor.${actorForErrorCode(write.errorCode ?? 'internal')}`)}</p>
        </>
      ) : (
        <p>{t('detail.write.not_needed')}</p>
      )}
    </div>
  );
}
