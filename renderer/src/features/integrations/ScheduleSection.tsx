import { useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { UpdateScheduleInput, type IntegrationSettings } from '../../../../shared/contract/integrations.ts';
import { useFormat } from '../../i18n/format.ts';
import { announce } from '../../stores/announce.ts';
import { Button } from '../../ui/Button.tsx';
import { DeltaIntervalField } from './DeltaIntervalField.tsx';
import { NextRuns } from './NextRuns.tsx';
import { SchedulePresetFields } from './SchedulePresetFields.tsx';
import { useUpdateSchedule } from './queries.ts';
import { choiceOf, cronOf, type ScheduleChoice } from './schedule-presets.ts';

type ScheduleForm = z.input<typeof UpdateScheduleInput>;
type ScheduleValues = z.output<typeof UpdateScheduleInput>;

/**
 * When the full sync runs (a preset, or a cron expression) and how often recent changes are
 * fetched between. The next runs are worked out here as the admin chooses, in Oslo time.
 */
export function ScheduleSection({ settings }: { settings: IntegrationSettings }) {
  const { t } = useTranslation('integrations');
  const format = useFormat();
  const headingId = useId();
  const [choice, setChoice] = useState<ScheduleChoice>(() => choiceOf(settings.scheduleCron));
  const [savedNext, setSavedNext] = useState<string | null | undefined>(undefined);
  const form = useForm<ScheduleForm, unknown, ScheduleValues>({
    resolver: zodResolver(UpdateScheduleInput),
    defaultValues: {
      integrationId: settings.integrationId,
      scheduleCron: settings.scheduleCron,
      deltaIntervalMinutes: settings.deltaIntervalMinutes,
    },
  });
  const scheduleCron = useWatch({ control: form.control, name: 'scheduleCron' });
  const update = useUpdateSchedule();

  // A preset writes its cron expression into the form; "custom" edits the expression itself.
  const choose = (next: ScheduleChoice) => {
    const custom = next.preset === 'custom' && choice.preset !== 'custom' ? cronOf(choice) : next.custom;
    const chosen = { ...next, custom };
    setChoice(chosen);
    setSavedNext(undefined);
    form.setValue('scheduleCron', cronOf(chosen), { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
  };

  const save = form.handleSubmit((values) => {
    setSavedNext(undefined);
    update.mutate(values, {
      onSuccess: (schedule) => {
        form.reset({
          integrationId: schedule.integrationId,
          scheduleCron: schedule.scheduleCron,
          deltaIntervalMinutes: schedule.deltaIntervalMinutes,
        });
        setChoice(choiceOf(schedule.scheduleCron));
        setSavedNext(schedule.nextFullSyncAt);
        announce(t('schedule.announce', { name: settings.displayName }));
      },
    });
  });

  const cronError = form.formState.errors.scheduleCron ? (choice.preset === 'custom' ? t('schedule.invalid') : t('schedule.invalidTime')) : undefined;

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="schedule">
      <h2 id={headingId}>{t('schedule.title')}</h2>
      <p className="muted">{t('schedule.intro')}</p>
      <form noValidate onSubmit={(event) => void save(event)} aria-labelledby={headingId}>
        <SchedulePresetFields
          choice={choice}
          error={cronError}
          onChoose={choose}
          customInput={form.register('scheduleCron', { onChange: () => setSavedNext(undefined) })}
        />
        <NextRuns expression={scheduleCron} />
        <DeltaIntervalField
          register={form.register('deltaIntervalMinutes', { valueAsNumber: true })}
          current={settings.deltaIntervalMinutes}
          error={form.formState.errors.deltaIntervalMinutes ? t('schedule.deltaInvalid') : undefined}
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={update.isPending}>
            {t('schedule.save')}
          </Button>
        </div>
        {/* Shown in place; the save itself is announced through the shell's one live region. */}
        <div data-testid="schedule-save-outcome">
          {savedNext !== undefined ? (
            <p className="callout tone-ok">
              <span aria-hidden="true">✓ </span>
              {savedNext ? t('schedule.savedNext', { when: format.dateTime(savedNext) }) : t('schedule.saved')}
            </p>
          ) : null}
        </div>
      </form>
    </section>
  );
}
