import { useState } from 'react';
import { useForm, type FieldError } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { SendCodeInput, SignInInput, VerifyCodeInput, type ConsoleStatus } from '../../../../shared/contract/console.ts';
import { Button } from '../../ui/Button.tsx';
import { FormField } from '../../ui/FormField.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { useSendCode, useStatusChange } from './queries.ts';
import { useConnectionErrorText } from './connection-errors.ts';

type Project = NonNullable<ConsoleStatus['project']>;

/** An e-mail field's problem in words: empty, or not a whole address. */
function useEmailError(): (error: FieldError | undefined, value: unknown) => string | undefined {
  const { t } = useTranslation('connection');
  return (error, value) => {
    if (!error) return undefined;
    return t(String(value ?? '').trim() === '' ? 'signIn.errors.emailRequired' : 'signIn.errors.emailInvalid');
  };
}

/**
 * Signing in to the connected project, in the main process: the password, or a one-time code
 * e-mailed to an existing account. The forms are checked by the contract's own schemas; the
 * token never reaches this page.
 */
export function SignIn({ project, managed }: { project: Project; managed: boolean }) {
  const { t } = useTranslation('connection');
  const [method, setMethod] = useState<'password' | 'code'>('password');
  const disconnect = useStatusChange('console.disconnect');

  return (
    <div className="sign-in" data-testid="sign-in">
      <PageHeading>{t('signIn.title')}</PageHeading>
      <p data-testid="sign-in-project">{t('signIn.project', { url: project.url })}</p>
      {project.sessionPersisted ? null : (
        <p className="notice-inline" data-testid="session-not-persisted">
          {t('signIn.notPersisted')}
        </p>
      )}
      {method === 'password' ? <PasswordForm /> : <CodeForm />}
      <div className="form-actions">
        <Button variant="link" onClick={() => setMethod(method === 'password' ? 'code' : 'password')}>
          {method === 'password' ? t('signIn.useCode') : t('signIn.usePassword')}
        </Button>
        {managed ? null : (
          <Button variant="link" busy={disconnect.isPending} onClick={() => disconnect.mutate({})}>
            {t('signIn.otherProject')}
          </Button>
        )}
      </div>
    </div>
  );
}

function PasswordForm() {
  const { t } = useTranslation('connection');
  const signIn = useStatusChange('console.signIn');
  const failure = useConnectionErrorText('password');
  const emailError = useEmailError();
  const form = useForm<z.input<typeof SignInInput>, unknown, z.output<typeof SignInInput>>({
    resolver: zodResolver(SignInInput),
    defaultValues: { email: '', password: '' },
  });
  const { errors } = form.formState;
  return (
    <form noValidate onSubmit={form.handleSubmit((values) => signIn.mutate(values))} aria-label={t('signIn.title')}>
      <FormField label={t('signIn.email')} error={emailError(errors.email, form.getValues('email'))}>
        {(control) => <input {...control} {...form.register('email')} type="email" autoComplete="username" />}
      </FormField>
      <FormField label={t('signIn.password')} error={errors.password ? t('signIn.errors.passwordRequired') : undefined}>
        {(control) => <input {...control} {...form.register('password')} type="password" autoComplete="current-password" />}
      </FormField>
      {signIn.error ? (
        <p role="alert" className="form-error" data-testid="sign-in-error">
          {failure(signIn.error)}
        </p>
      ) : null}
      <Button type="submit" variant="primary" busy={signIn.isPending}>
        {signIn.isPending ? t('signIn.submitting') : t('signIn.submit')}
      </Button>
    </form>
  );
}

function CodeForm() {
  const { t } = useTranslation('connection');
  const send = useSendCode();
  const verify = useStatusChange('console.verifyCode');
  const sendFailure = useConnectionErrorText('password');
  const verifyFailure = useConnectionErrorText('code');
  const emailError = useEmailError();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const emailForm = useForm<z.input<typeof SendCodeInput>, unknown, z.output<typeof SendCodeInput>>({
    resolver: zodResolver(SendCodeInput),
    defaultValues: { email: '' },
  });
  const codeForm = useForm<z.input<typeof VerifyCodeInput>, unknown, z.output<typeof VerifyCodeInput>>({
    resolver: zodResolver(VerifyCodeInput),
    defaultValues: { email: '', code: '' },
  });

  if (sentTo === null) {
    return (
      <form
        noValidate
        aria-label={t('signIn.sendCode')}
        onSubmit={emailForm.handleSubmit(({ email }) =>
          send.mutate(email, {
            onSuccess: () => {
              codeForm.reset({ email, code: '' });
              setSentTo(email);
            },
          }),
        )}
      >
        <FormField label={t('signIn.email')} error={emailError(emailForm.formState.errors.email, emailForm.getValues('email'))}>
          {(control) => <input {...control} {...emailForm.register('email')} type="email" autoComplete="username" />}
        </FormField>
        {send.error ? (
          <p role="alert" className="form-error" data-testid="sign-in-error">
            {sendFailure(send.error)}
          </p>
        ) : null}
        <Button type="submit" variant="primary" busy={send.isPending}>
          {send.isPending ? t('signIn.sendingCode') : t('signIn.sendCode')}
        </Button>
      </form>
    );
  }
  return (
    <form noValidate aria-label={t('signIn.submitCode')} onSubmit={codeForm.handleSubmit((values) => verify.mutate(values))}>
      <p role="status" data-testid="code-sent">
        {t('signIn.codeSent', { email: sentTo })}
      </p>
      <FormField
        label={t('signIn.code')}
        hint={t('signIn.codeHint')}
        error={codeForm.formState.errors.code ? t('signIn.errors.codeInvalid') : undefined}
      >
        {(control) => <input {...control} {...codeForm.register('code')} inputMode="numeric" autoComplete="one-time-code" maxLength={6} />}
      </FormField>
      {verify.error ? (
        <p role="alert" className="form-error" data-testid="sign-in-error">
          {verifyFailure(verify.error)}
        </p>
      ) : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={verify.isPending}>
          {verify.isPending ? t('signIn.submitting') : t('signIn.submitCode')}
        </Button>
        <Button onClick={() => setSentTo(null)}>{t('signIn.newCode')}</Button>
      </div>
    </form>
  );
}
