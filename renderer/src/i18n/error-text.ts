import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorPayload } from '../../../shared/domain/errors.ts';

/**
 * Words for a failure, built from its code in the chosen language. The backend's own English
 * sentence is not translated; invalid input names the fields the contract refused.
 */
export function useErrorText(): (error: AppErrorPayload | null) => string {
  const { t } = useTranslation();
  return useCallback(
    (error) => {
      if (!error) return t('errors.unexpected');
      const text = t(`errors.${error.code}`);
      if (error.code !== 'invalid_input' || !error.issues?.length) return text;
      // The contract's field names, never its English messages: the form shows each field's problem itself.
      return `${text} ${t('errors.fields', { fields: error.issues.map((issue) => issue.path).join(', ') })}`;
    },
    [t],
  );
}
