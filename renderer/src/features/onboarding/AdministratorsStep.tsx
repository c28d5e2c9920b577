import { useEffect, type FormEvent } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { FindAdminInput, MAX_ONBOARDING_ADMINS } from '../../../../shared/contract/onboarding.ts';
import { applyServerIssues } from '../../api/server-issues.ts';
import { Button } from '../../ui/Button.tsx';
import { FormField } from '../../ui/FormField.tsx';
import { onboardingDraft, useAdminsDraft } from './draft-store.ts';
import { refusalError, useFieldErrorText } from './field-error.ts';
import { useFindAdmin } from './queries.ts';
import { WizardActions } from './WizardActions.tsx';

type EmailForm = z.input<typeof FindAdminInput>;

/** Step 6: existing administrator accounts, found by e-mail, who get access to the new organization. The list may be empty. */
export function AdministratorsStep() {
  const { t } = useTranslation('onboarding');
  const errorText = useFieldErrorText();
  const admins = useAdminsDraft();
  const form = useForm<EmailForm, unknown, z.output<typeof FindAdminInput>>({ resolver: zodResolver(FindAdminInput), defaultValues: { email: '' } });
  const findAdmin = useFindAdmin();

  useEffect(() => {
    for (const [, refusal] of onboardingDraft.takeRefusals(['adminUserIds'] as const)) form.setError('email', refusalError(refusal));
  }, [form]);

  const add = form.handleSubmit(({ email }) => {
    if (admins.length >= MAX_ONBOARDING_ADMINS) return form.setError('email', { type: 'limit' });
    findAdmin.mutate(email, {
      onSuccess: (admin) => {
        if (!admin) form.setError('email', { type: 'notFound' }, { shouldFocus: true });
        else if (admins.some((added) => added.userId === admin.userId)) form.setError('email', { type: 'already' }, { shouldFocus: true });
        else {
          onboardingDraft.addAdmin(admin);
          form.reset({ email: '' });
        }
      },
      onError: (error) => applyServerIssues(error, ['email'], form.setError, 'refused'),
    });
  });
  // The removed entry's button leaves the page: focus goes back to the e-mail field, not to <body>.
  const remove = (userId: string) => {
    onboardingDraft.removeAdmin(userId);
    form.setFocus('email');
  };
  const goOn = (event: FormEvent) => {
    event.preventDefault();
    onboardingDraft.next();
  };
  const emailError = form.formState.errors.email;
  const emailErrorText =
    emailError?.type === 'notFound'
      ? t('administrators.notFound')
      : emailError?.type === 'already'
        ? t('administrators.already')
        : emailError?.type === 'limit'
          ? t('administrators.tooMany', { max: MAX_ONBOARDING_ADMINS })
          : errorText(emailError, 'email');

  return (
    <>
      <p>{t('administrators.intro')}</p>
      <form className="wizard-row" onSubmit={(event) => void add(event)} noValidate>
        <FormField label={t('administrators.email')} error={emailErrorText}>
          {(control) => <input {...control} {...form.register('email')} type="email" autoComplete="off" />}
        </FormField>
        <Button type="submit" busy={findAdmin.isPending}>
          {t('administrators.add')}
        </Button>
      </form>
      {admins.length === 0 ? (
        <p className="muted">{t('administrators.none')}</p>
      ) : (
        <ul className="wizard-admins" aria-label={t('administrators.listLabel')}>
          {admins.map((admin) => (
            <li key={admin.userId}>
              <span>
                {t(admin.isGlobal ? 'administrators.entryGlobal' : 'administrators.entry', { name: admin.displayName, email: admin.email })}
              </span>
              <Button variant="link" aria-label={t('administrators.removeLabel', { name: admin.displayName })} onClick={() => remove(admin.userId)}>
                {t('administrators.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={goOn}>
        <WizardActions />
      </form>
    </>
  );
}
