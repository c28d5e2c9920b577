import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useForm, type FieldError } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { UpdateEnrichmentSettingsInput, type OrgEnrichment } from '../../../../shared/contract/enrichment.ts';
import { useFormat } from '../../i18n/format.ts';
import { announce } from '../../stores/announce.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { FormField } from '../../ui/FormField.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { useUpdateEnrichmentSettings } from './queries.ts';

type SettingsForm = z.input<typeof UpdateEnrichmentSettingsInput>;
type SettingsValues = z.output<typeof UpdateEnrichmentSettingsInput>;

/**
 * The switch, with the legal basis it needs. Switching on takes the basis in a form checked by
 * the contract's own schema (the backend checks it again); switching off asks first. Who
 * switched it on, and when, is shown with the basis.
 */
export function LegalBasisSection({ org }: { org: OrgEnrichment }) {
  const { t } = useTranslation('enrichment');
  const format = useFormat();
  const headingId = useId();
  const { settings } = org;
  const update = useUpdateEnrichmentSettings();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // After a change the controls that were used may be gone: focus goes to the line saying the new state.
  const [changes, setChanges] = useState(0);
  const stateNote = useRef<HTMLParagraphElement>(null);
  const changeButton = useRef<HTMLButtonElement>(null);
  const showForm = !settings.enabled || editing;

  useEffect(() => {
    if (changes > 0) stateNote.current?.focus();
  }, [changes]);

  const closeDialog = useCallback(() => setConfirming(false), []);

  // The change is made here, not in the form: the form is gone once it is switched on, and a
  // change whose component has gone does not call back.
  const saveBasis = (values: SettingsValues) =>
    update.mutate(values, {
      onSuccess: (saved) => {
        announce(t(settings.enabled ? 'basis.announceSaved' : 'basis.announceOn', { name: saved.orgName }));
        setEditing(false);
        setChanges((count) => count + 1);
      },
    });

  const switchOff = () =>
    update.mutate(
      { orgId: org.orgId, enabled: false },
      {
        onSuccess: (saved) => {
          setEditing(false);
          setChanges((count) => count + 1);
          announce(t('basis.announceOff', { name: saved.orgName }));
        },
        onSettled: () => setConfirming(false),
      },
    );

  return (
    <section className="enrichment-switch" aria-labelledby={headingId} data-testid="enrichment-switch" data-enabled={String(settings.enabled)}>
      <h3 id={headingId}>{t('basis.title')}</h3>
      <p ref={stateNote} tabIndex={-1} className="enrichment-state" data-testid="enrichment-state">
        <StatusBadge tone={settings.enabled ? 'ok' : 'neutral'} testId="enrichment-state-label">
          {settings.enabled ? t('state.on') : t('state.off')}
        </StatusBadge>
        {settings.enabled && settings.enabledAt ? (
          <span data-testid="enabled-by">
            {settings.enabledBy
              ? t('basis.enabledBy', { name: settings.enabledBy.displayName, when: format.dateTime(settings.enabledAt) })
              : t('basis.enabledAt', { when: format.dateTime(settings.enabledAt) })}
          </span>
        ) : null}
      </p>
      {/* Why a basis is needed, where one is being written; once on, the basis itself is shown. */}
      {showForm ? <p data-testid="legal-basis-why">{t('basis.why')}</p> : null}
      {settings.enabled && settings.legalBasis && !editing ? (
        <dl className="legal-basis">
          <dt>{t('basis.current')}</dt>
          <dd data-testid="legal-basis">{settings.legalBasis}</dd>
        </dl>
      ) : null}
      {showForm ? (
        <LegalBasisForm
          org={org}
          busy={update.isPending}
          onSubmit={saveBasis}
          onCancel={
            settings.enabled
              ? () => {
                  setEditing(false);
                  changeButton.current?.focus();
                }
              : undefined
          }
        />
      ) : (
        <div className="form-actions">
          <Button ref={changeButton} onClick={() => setEditing(true)}>
            {t('basis.change')}
          </Button>
          <Button variant="danger" onClick={() => setConfirming(true)}>
            {t('basis.switchOff')}
          </Button>
        </div>
      )}
      <Dialog
        open={confirming}
        title={t('basis.confirmTitle')}
        onClose={closeDialog}
        actions={
          <>
            <Button onClick={closeDialog}>{t('basis.cancel')}</Button>
            <Button variant="danger" busy={update.isPending} onClick={switchOff}>
              {update.isPending ? t('basis.switchingOff') : t('basis.confirm')}
            </Button>
          </>
        }
      >
        <p>{t('basis.confirmBody')}</p>
      </Dialog>
    </section>
  );
}

/** The legal basis, in words: from the kind of problem, never the schema's English message. */
function useBasisErrorText(): (error: FieldError | undefined, value: unknown) => string | undefined {
  const { t } = useTranslation('enrichment');
  return useCallback(
    (error, value) => {
      if (!error) return undefined;
      if (error.type === 'too_big') return t('basis.errors.tooLong');
      return typeof value === 'string' && value.trim() !== '' ? t('basis.errors.tooShort') : t('basis.errors.required');
    },
    [t],
  );
}

function LegalBasisForm({
  org,
  busy,
  onSubmit,
  onCancel,
}: {
  org: OrgEnrichment;
  busy: boolean;
  onSubmit(values: SettingsValues): void;
  onCancel: (() => void) | undefined;
}) {
  const { t } = useTranslation('enrichment');
  const errorText = useBasisErrorText();
  const enabled = org.settings.enabled;
  const form = useForm<SettingsForm, unknown, SettingsValues>({
    resolver: zodResolver(UpdateEnrichmentSettingsInput),
    // Switching on again offers the basis it had before.
    defaultValues: { orgId: org.orgId, enabled: true, legalBasis: org.settings.legalBasis ?? '' },
  });
  const field = useRef<HTMLTextAreaElement | null>(null);
  const registration = form.register('legalBasis');

  // Opened to change the basis: the admin is taken straight to it.
  useEffect(() => {
    if (enabled) field.current?.focus();
  }, [enabled]);

  const save = form.handleSubmit(onSubmit);

  const error = form.getFieldState('legalBasis', form.formState).error;
  return (
    <form noValidate className="legal-basis-form" onSubmit={(event) => void save(event)} data-testid="legal-basis-form">
      <p className="muted">{t('basis.whyWrite')}</p>
      <FormField label={t('basis.field')} hint={t('basis.fieldHint')} error={errorText(error, form.getValues('legalBasis'))}>
        {(control) => (
          <textarea
            {...control}
            rows={4}
            {...registration}
            ref={(element) => {
              registration.ref(element);
              field.current = element;
            }}
          />
        )}
      </FormField>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={busy}>
          {enabled ? (busy ? t('basis.saving') : t('basis.save')) : busy ? t('basis.switchingOn') : t('basis.switchOn')}
        </Button>
        {onCancel ? <Button onClick={onCancel}>{t('basis.cancel')}</Button> : null}
      </div>
    </form>
  );
}
