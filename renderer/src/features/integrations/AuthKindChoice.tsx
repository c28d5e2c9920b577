import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthKind } from '../../../../shared/contract/integrations.ts';
import type { MemberSystem } from '../../../../shared/domain/integration.ts';

/** How the service signs in, where a registry takes more than one way; an error is read with the group. */
export function AuthKindChoice({
  system,
  kinds,
  value,
  onChoose,
  error,
}: {
  system: MemberSystem;
  kinds: readonly AuthKind[];
  value: AuthKind;
  onChoose(kind: AuthKind): void;
  error?: string | undefined;
}) {
  const { t } = useTranslation(['integrations', 'common']);
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <fieldset className="choice-group" aria-describedby={error ? errorId : undefined}>
      <legend>{t('form.kindLegend', { system: t(`common:systems.${system}`) })}</legend>
      {kinds.map((option) => (
        <label key={option}>
          <input type="radio" name={`${id}-kind`} value={option} checked={value === option} onChange={() => onChoose(option)} />
          {t(`authKind.${option}`)}
        </label>
      ))}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
