import { useEffect } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { OnboardOrganizationInput } from '../../../../shared/contract/onboarding.ts';
import { FormField } from '../../ui/FormField.tsx';
import { onboardingDraft, useOrganizationDraft } from './draft-store.ts';
import { refusalError, useFieldErrorText } from './field-error.ts';
import { suggestSlug } from './slug.ts';
import { WizardActions } from './WizardActions.tsx';

const OrganizationFields = OnboardOrganizationInput.pick({ name: true, slug: true });
type OrganizationForm = z.input<typeof OrganizationFields>;

/** Step 1: the organization's name, and the short name its web addresses use, suggested from the name. */
export function OrganizationStep() {
  const { t } = useTranslation('onboarding');
  const errorText = useFieldErrorText();
  const draft = useOrganizationDraft();
  const form = useForm<OrganizationForm, unknown, z.output<typeof OrganizationFields>>({
    resolver: zodResolver(OrganizationFields),
    defaultValues: { name: draft.name, slug: draft.slug },
  });
  const values = useWatch({ control: form.control });

  useEffect(() => {
    onboardingDraft.updateOrganization(form.getValues());
  }, [values, form]);

  useEffect(() => {
    for (const [field, refusal] of onboardingDraft.takeRefusals(['name', 'slug'] as const)) form.setError(field, refusalError(refusal));
  }, [form]);

  const name = form.register('name', {
    onChange: (event: { target: { value: string } }) => {
      if (!onboardingDraft.isSlugEdited()) form.setValue('slug', suggestSlug(event.target.value), { shouldValidate: form.formState.isSubmitted });
    },
  });
  const slug = form.register('slug', {
    // Emptied, the short name follows the name again.
    onChange: (event: { target: { value: string } }) => {
      onboardingDraft.updateOrganization({ slugEdited: event.target.value !== '' });
    },
  });
  const onSubmit = form.handleSubmit(() => onboardingDraft.next());

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      <FormField label={t('organization.name')} hint={t('organization.nameHint')} error={errorText(form.formState.errors.name, 'name')}>
        {(control) => <input {...control} {...name} type="text" />}
      </FormField>
      <FormField label={t('organization.slug')} hint={t('organization.slugHint')} error={errorText(form.formState.errors.slug, 'slug')}>
        {(control) => <input {...control} {...slug} type="text" autoComplete="off" spellCheck={false} />}
      </FormField>
      <WizardActions first />
    </form>
  );
}
