import { useTranslation } from 'react-i18next';
import type { RuleImpactCounts } from '../../../../shared/contract/rules.ts';
import type { ConflictResolution } from '../../../../shared/domain/conflict-rules.ts';
import type { DataCategory } from '../../../../shared/domain/member.ts';
import { useFormat } from '../../i18n/format.ts';
import { useRulePreview } from './queries.ts';

const MEASURES = ['total', 'app', 'external', 'manualReview'] as const satisfies ReadonlyArray<keyof RuleImpactCounts>;

/** Before saving: what the chosen rule would do to the conflicts waiting now and to the ones resolved lately. */
export function RulePreview({ orgId, category, resolution }: { orgId: string; category: DataCategory; resolution: ConflictResolution }) {
  const { t } = useTranslation(['rules', 'conflicts']);
  const format = useFormat();
  const preview = useRulePreview(orgId, category, resolution, true);
  const data = preview.data;

  return (
    <div className="rule-preview" data-testid="rule-preview" aria-busy={preview.isFetching || undefined}>
      <h3>{t('preview.title')}</h3>
      {!data ? (
        <p>{t('preview.loading')}</p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="data-table">
              <caption>{t('preview.caption', { rule: t(`resolution.${resolution}`), category: t(`conflicts:categoryInline.${category}`) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('preview.measure')}</th>
                  <th scope="col" className="numeric">
                    {t('preview.pending')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('preview.recent', { count: data.recent.days })}
                  </th>
                </tr>
              </thead>
              <tbody>
                {MEASURES.map((measure) => (
                  <tr key={measure} data-measure={measure}>
                    <th scope="row">{t(`preview.${measure}`)}</th>
                    <td className="numeric" data-testid={`preview-pending-${measure}`}>
                      {format.count(data.pending[measure])}
                    </td>
                    <td className="numeric" data-testid={`preview-recent-${measure}`}>
                      {format.count(data.recent[measure])}
                    </td>
                  </tr>
                ))}
                <tr data-measure="agreeing">
                  <th scope="row">{t('preview.agreeing')}</th>
                  <td className="numeric">{t('preview.notApplicable')}</td>
                  <td className="numeric" data-testid="preview-recent-agreeing">
                    {format.count(data.recent.agreeing)}
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
          <p className="field-hint">{t('preview.pendingNote')}</p>
        </>
      )}
    </div>
  );
}
