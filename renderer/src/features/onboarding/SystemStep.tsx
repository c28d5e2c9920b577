import { useEffect } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { MemberSystem } from '../../../../shared/domain/integration.ts';
import { FormField } from '../../ui/FormField.tsx';
import { onboardingDraft, useSystemDraft } from './draft-store.ts';
import { useFieldErrorText } from './field-error.ts';
import { WizardActions } from './WizardActions.tsx';

// Nothing is chosen at first: the empty choice is refused, so no system is picked by accident.
const SystemFields = z.object({ system: z.string().pipe(z.enum([...MemberSystem.options, 'none'])) });
type SystemForm = z.input<typeof SystemFields>;

/** Step 2: Cornerstone, Consio, or no integration (which skips the connection and schedule steps). */
export function SystemStep() {
  const { t } = useTranslation(['onboarding', 'common']);
  const errorText = useFieldErrorText();
  const draft = useSystemDraft();
  const form = useForm<SystemForm, unknown, z.output<typeof SystemFields>>({
    resolver: zodResolver(SystemFields),
    defaultValues: { system: draft ?? '' },
  });
  const chosen = useWatch({ control: form.control, name: 'system' });

  useEffect(() => {
    const parsed = SystemFields.shape.system.safeParse(chosen);
    if (parsed.success) onboardingDraft.setSystem(parsed.data);
  }, [chosen]);

  const onSubmit = form.handleSubmit(({ system }) => {
    onboardingDraft.setSystem(system);
    onboardingDraft.next();
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      <FormField label={t('system.label')} hint={t('system.hint')} error={errorText(form.formState.errors.system, 'system')}>
        {(control) => (
          <select {...control} {...form.register('system')} defaultValue={draft ?? ''}>
            <option value="">{t('system.choose')}</option>
            {MemberSystem.options.map((system) => (
              <option key={system} value={system}>
                {t(`common:systems.${system}`)}
              </option>
            ))}
            <option value="none">{t('system.none')}</option>
          </select>
        )}
      </FormField>
      <WizardActions />
    </form>
  );
}
