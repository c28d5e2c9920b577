import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { useErrorText } from '../../i18n/error-text.ts';

/**
 * Sign-in's failures in words an admin can act on. The main process answers Auth's refusals with
 * a code: `not_signed_in` (a wrong password or code), `forbidden` (the project refused the anon
 * key), `not_found` (no project at the address), `conflict` (too many attempts), `backend_unreachable`.
 */
export function useConnectionErrorText(kind: 'password' | 'code' = 'password'): (error: unknown) => string {
  const { t } = useTranslation('connection');
  const generic = useErrorText();
  return useCallback(
    (error) => {
      const payload = error instanceof ApiError ? error.payload : null;
      switch (payload?.code) {
        case 'not_signed_in':
          return t(kind === 'code' ? 'signIn.errors.wrongCode' : 'signIn.errors.wrongPassword');
        case 'forbidden':
          return t('signIn.errors.anonKey');
        case 'conflict':
          return t('signIn.errors.tooMany');
        case 'backend_unreachable':
          return t('signIn.errors.unreachable');
        case 'not_found':
          return t('signIn.errors.noProject');
        default:
          return generic(payload);
      }
    },
    [generic, kind, t],
  );
}
