import { useCallback } from 'react';
import type { FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';

/** A field's problem in words: from the kind of problem, never the schema's English message. */
export function useInputErrorText(): (error: FieldError | undefined, value: unknown, min?: number) => string | undefined {
  const { t } = useTranslation('integrations');
  return useCallback(
    (error, value, min = 1) => {
      if (!error) return undefined;
      if (error.type === 'server' && error.message) return error.message;
      if (error.type === 'too_small')
        return typeof value === 'string' && value.trim() !== '' ? t('form.errors.tooShort', { min }) : t('form.errors.required');
      if (error.type === 'too_big') return t('form.errors.tooLong');
      return t('form.errors.invalid');
    },
    [t],
  );
}
