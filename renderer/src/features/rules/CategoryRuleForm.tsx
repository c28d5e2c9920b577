import { useCallback, useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { RulesUpdateInput, type CategoryRule } from '../../../../shared/contract/rules.ts';
import { conflictResolutions, type ConflictResolution } from '../../../../shared/domain/conflict-rules.ts';
import { useFormat } from '../../i18n/format.ts';
import { announce } from '../../stores/announce.ts';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { applyServerIssues } from '../../api/server-issues.ts';
import { RulePreview } from './RulePreview.tsx';
import { useUpdateRule } from './queries.ts';

type RuleForm = z.input<typeof RulesUpdateInput>;
type RuleValues = z.output<typeof RulesUpdateInput>;
type RuleVersion = CategoryRule['history'][number];

interface SavedResult {
  changed: boolean;
  resolution: ConflictResolution;
  version: number;
  at: string | null;
}

/** One data category's rule: the one in force highlighted, a choice with its impact, saving, and its history. */
export function CategoryRuleForm({ orgId, rule }: { orgId: string; rule: CategoryRule }) {
  const { t } = useTranslation(['rules', 'conflicts', 'common']);
  const format = useFormat();
  const headingId = useId();
  const category = t(`conflicts:categoryInline.${rule.category}`);
  const ruleName = (resolution: ConflictResolution) => t(`resolution.${resolution}`);
  const versionText = (version: number) => (version === 0 ? t('builtIn') : t('version', { version }));

  const form = useForm<RuleForm, unknown, RuleValues>({
    resolver: zodResolver(RulesUpdateInput),
    defaultValues: { orgId, category: rule.category, resolution: rule.resolution },
  });
  const selected = useWatch({ control: form.control, name: 'resolution' });
  const changing = selected !== rule.resolution;
  const [confirming, setConfirming] = useState<RuleValues | null>(null);
  const [saved, setSaved] = useState<SavedResult | null>(null);
  const update = useUpdateRule(orgId);
  const closeDialog = useCallback(() => setConfirming(null), []);

  const save = (values: RuleValues) => {
    setSaved(null);
    update.mutate(
      { category: values.category, resolution: values.resolution },
      {
        onSuccess: (output) => {
          setConfirming(null);
          const now = output.rules.categories.find((entry) => entry.category === values.category);
          const latest = now?.history[0];
          const result: SavedResult = {
            changed: output.changed,
            resolution: now?.resolution ?? values.resolution,
            version: now?.version ?? 0,
            at: output.changed && latest ? latest.createdAt : null,
          };
          setSaved(result);
          form.reset({ orgId, category: values.category, resolution: result.resolution });
          announce(
            output.changed
              ? t('announce.saved', { category, version: result.version })
              : t('announce.unchanged', { category, rule: ruleName(result.resolution) }),
          );
        },
        onError: (error) => {
          setConfirming(null);
          applyServerIssues(error, ['resolution', 'category'], form.setError, t('common:errors.fieldRefused'));
        },
      },
    );
  };
  // A new rule is confirmed first; saving the rule already in force asks nothing and changes nothing.
  const resolutionError = form.formState.errors.resolution?.message ?? form.formState.errors.category?.message;
  const onSubmit = form.handleSubmit((values) => (values.resolution === rule.resolution ? save(values) : setConfirming(values)));

  return (
    <section className="panel rule-panel" aria-labelledby={headingId} data-testid="rule-category" data-category={rule.category}>
      <h2 id={headingId}>{t(`conflicts:category.${rule.category}`)}</h2>
      <p data-testid="rule-in-force" data-resolution={rule.resolution} data-version={rule.version}>
        {t('currentRule', { rule: ruleName(rule.resolution), version: versionText(rule.version) })}
      </p>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <fieldset
          className="rule-options"
          aria-describedby={resolutionError ? `${headingId}-error` : undefined}
          aria-invalid={resolutionError ? true : undefined}
        >
          <legend>{t('legend', { category })}</legend>
          {conflictResolutions.map((resolution) => {
            const id = `${headingId}-${resolution}`;
            return (
              <div key={resolution} className={resolution === rule.resolution ? 'rule-option is-current' : 'rule-option'}>
                <input id={id} type="radio" value={resolution} aria-describedby={`${id}-hint`} {...form.register('resolution')} />
                <label htmlFor={id}>
                  <span className="rule-option-name">{ruleName(resolution)}</span>
                  {resolution === rule.resolution ? <StatusBadge tone="ok">{t('inForce')}</StatusBadge> : null}
                  {resolution === rule.defaultResolution ? <StatusBadge tone="neutral">{t('isDefault')}</StatusBadge> : null}
                </label>
                <p id={`${id}-hint`} className="field-hint">
                  {t(`resolutionHint.${resolution}`)}
                </p>
              </div>
            );
          })}
          {resolutionError ? (
            <p id={`${headingId}-error`} className="field-error">
              {resolutionError}
            </p>
          ) : null}
        </fieldset>

        {changing ? <RulePreview orgId={orgId} category={rule.category} resolution={selected} /> : null}

        <div className="rule-actions">
          <Button type="submit" variant={changing ? 'primary' : 'secondary'} busy={update.isPending}>
            {t('save')}
          </Button>
        </div>
      </form>

      {saved ? (
        <div className={saved.changed ? 'callout tone-ok' : 'callout tone-info'} data-testid="rule-saved" data-changed={String(saved.changed)}>
          {saved.changed ? (
            <>
              <p className="callout-title">{t('saved.title')}</p>
              <p>
                {t('saved.body', {
                  rule: ruleName(saved.resolution),
                  category,
                  at: saved.at ? format.dateTime(saved.at) : '',
                  version: saved.version,
                })}
              </p>
            </>
          ) : (
            <p>{t('saved.unchanged', { rule: ruleName(saved.resolution), category })}</p>
          )}
        </div>
      ) : null}

      {rule.history.length > 0 ? (
        <DataTable<RuleVersion>
          caption={t('history.caption', { category })}
          columns={[
            { id: 'version', header: t('history.version'), numeric: true, cell: (version) => version.version },
            { id: 'rule', header: t('history.rule'), cell: (version) => ruleName(version.resolution) },
            { id: 'by', header: t('history.by'), cell: (version) => version.createdBy?.displayName ?? t('history.unknownAdmin') },
            {
              id: 'at',
              header: t('history.at'),
              cell: (version) => <time dateTime={version.createdAt}>{format.dateTime(version.createdAt)}</time>,
            },
          ]}
          rows={rule.history}
          rowKey={(version) => String(version.version)}
          rowProps={(version) => ({ 'data-version': String(version.version) })}
        />
      ) : (
        <p className="muted">{t('history.none')}</p>
      )}

      <Dialog
        open={confirming !== null}
        title={t('confirm.title', { category })}
        onClose={closeDialog}
        actions={
          <>
            <Button onClick={closeDialog}>{t('common:actions.cancel')}</Button>
            <Button variant="primary" busy={update.isPending} onClick={() => confirming && save(confirming)}>
              {t('confirm.confirm')}
            </Button>
          </>
        }
      >
        {confirming ? <p>{t('confirm.body', { from: ruleName(rule.resolution), to: ruleName(confirming.resolution) })}</p> : null}
      </Dialog>
    </section>
  );
}
