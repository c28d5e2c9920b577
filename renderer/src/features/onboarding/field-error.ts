import { useCallback } from 'react';
import type { FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { FieldRefusal } from './draft-store.ts';
import type { onboardingText } from './locales.ts';

export type InvalidField = Exclude<keyof (typeof onboardingText)['en']['invalid'], 'slugTaken' | 'refused'>;

/** The message a server refusal is recorded with on a form field: the refusal's code, worded at render. */
export function refusalError(refusal: FieldRefusal): { type: 'server'; message: FieldRefusal } {
  return { type: 'server', message: refusal };
}

/**
 * Words for a field's error in the chosen language: what the field takes, or why the backend
 * refused it. The contract's English messages are never shown.
 */
export function useFieldErrorText(): (error: FieldError | undefined, field: InvalidField) => string | undefined {
  const { t } = useTranslation('onboarding');
  return useCallback(
    (error, field) => {
      if (!error) return undefined;
      if (error.type === 'server') return error.message === 'taken' ? t('invalid.slugTaken') : t('invalid.refused');
      return t(`invalid.${field}`);
    },
    [t],
  );
}
