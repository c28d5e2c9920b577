import { isNotFound } from '../../app/shown-in-place.ts';
import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { ConflictSide, ConflictView } from '../../../../shared/contract/conflicts.ts';
import { actorForErrorCode } from '../../../../shared/domain/errors.ts';
import { operationQuery } from '../../api/queries.ts';
import { useFormat } from '../../i18n/format.ts';
import { announce } from '../../stores/announce.ts';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { ConflictValueText } from './ConflictValueText.tsx';
import { SourceWriteResult } from './SourceWriteResult.tsx';
import { useConflict, useResolveConflict, type ResolveChoice } from './queries.ts';

const route = getRouteApi('/conflicts/$conflictId');

const otherSide = (side: ConflictSide): ConflictSide => (side === 'app' ? 'external' : 'app');

/** One conflict: both values side by side, the rule behind the proposal, and the admin's decision. */
export function ConflictDetailPage() {
  const { t } = useTranslation(['conflicts', 'common']);
  const { conflictId } = route.useParams();
  const conflict = useConflict(conflictId);

  if (isNotFound(conflict.error)) {
    return (
      <>
        <PageHeading>{t('detail.notFoundTitle')}</PageHeading>
        <EmptyState title={t('detail.notFoundBody')} action={<Link to="/conflicts">{t('detail.back')}</Link>} />
      </>
    );
  }
  if (!conflict.data) {
    return (
      <>
        <PageHeading>{t('detail.titleUnknown')}</PageHeading>
        {conflict.isPending ? <p>{t('common:app.loading')}</p> : null}
      </>
    );
  }
  return <ConflictDetail conflict={conflict.data} />;
}

function ConflictDetail({ conflict }: { conflict: ConflictView }) {
  const { t } = useTranslation(['conflicts', 'common', 'rules']);
  const format = useFormat();
  // To the second: both sides often change within one minute, and the later one decides the proposal.
  const changedAt = format.dateTimeSeconds;
  const health = useQuery(operationQuery('health.list', {}));
  const system = health.data?.find((integration) => integration.integrationId === conflict.integrationId)?.system;
  const registry = system ? t(`common:systems.${system}`) : t('detail.registryFallback');
  const [choice, setChoice] = useState<ResolveChoice | null>(null);
  const [justResolved, setJustResolved] = useState(false);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const resolve = useResolveConflict(conflict.id, (resolved) => {
    setJustResolved(true);
    if (resolved.winner) announce(t(`announce.${resolved.winner}`));
  });

  // The decision's buttons are gone once it is made: focus moves to its result, not to the page's top.
  useEffect(() => {
    if (justResolved && conflict.status === 'resolved') resultHeading.current?.focus();
  }, [justResolved, conflict.status]);

  const name = conflict.memberName ?? t('unknownMember', { externalId: conflict.externalId });
  const proposed = conflict.proposedWinner;
  const other = otherSide(proposed);
  const consequence = (side: ConflictSide) => (side === 'app' ? t('detail.writesToRegistry', { registry }) : t('detail.replacesApp', { registry }));
  const decide = (next: ResolveChoice) => {
    setChoice(next);
    resolve.mutate(next);
  };
  const refused = conflict.status === 'pending' && conflict.sourceWrite?.status === 'failed' ? conflict.sourceWrite : null;

  return (
    <>
      <PageHeading>{t('detail.title', { name })}</PageHeading>
      <p>
        <Link to="/conflicts">{t('detail.back')}</Link>
      </p>
      <p className="page-intro">{t('detail.intro', { registry, category: t(`categoryInline.${conflict.category}`) })}</p>

      <div className="table-wrap">
        <table className="data-table conflict-sides" data-testid="conflict-sides">
          <caption>{t('detail.valuesCaption')}</caption>
          <thead>
            <tr>
              <td />
              <th scope="col">{t('detail.appColumn')}</th>
              <th scope="col">{t('detail.registryColumn', { registry })}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t(`category.${conflict.category}`)}</th>
              <td data-testid="app-value">
                <ConflictValueText value={conflict.appValue} />
              </td>
              <td data-testid="external-value">
                <ConflictValueText value={conflict.externalValue} />
              </td>
            </tr>
            <tr>
              <th scope="row">{t('detail.changedRow')}</th>
              <td data-testid="app-changed-at">
                <time dateTime={conflict.appChangedAt}>{changedAt(conflict.appChangedAt)}</time>
              </td>
              <td data-testid="external-changed-at">
                <time dateTime={conflict.externalChangedAt}>{changedAt(conflict.externalChangedAt)}</time>
              </td>
            </tr>
            <tr>
              <th scope="row">{t('detail.proposed')}</th>
              {(['app', 'external'] as const).map((side) => (
                <td key={side} data-testid={`${side}-proposed`}>
                  {side === proposed ? <StatusBadge tone="info">{t('detail.proposedSide')}</StatusBadge> : null}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>

      <section className="panel" aria-labelledby="conflict-rule-heading">
        <h2 id="conflict-rule-heading">{t('detail.ruleHeading')}</h2>
        <dl className="details-grid">
          <div>
            <dt>{t('detail.rule')}</dt>
            <dd data-testid="conflict-rule" data-version={conflict.ruleVersion}>
              {t('detail.ruleWithVersion', {
                rule: t(`rules:resolution.${conflict.ruleResolution}`),
                version: conflict.ruleVersion === 0 ? t('detail.ruleDefault') : t('detail.ruleVersion', { version: conflict.ruleVersion }),
              })}
            </dd>
          </div>
          <div>
            <dt>{t('detail.found')}</dt>
            <dd>
              <time dateTime={conflict.detectedAt}>{format.dateTime(conflict.detectedAt)}</time>
            </dd>
          </div>
          <div>
            <dt>{t('detail.proposed')}</dt>
            <dd data-testid="conflict-proposal" data-winner={proposed}>
              {t(`proposal.${proposed}`)}
            </dd>
          </div>
        </dl>
        {conflict.ruleResolution === 'manual_review' ? <p className="muted">{t('detail.manualReviewHint')}</p> : null}
      </section>

      {conflict.status === 'pending' ? (
        <section className="panel" aria-labelledby="conflict-decide-heading">
          <h2 id="conflict-decide-heading">{t('detail.decideHeading')}</h2>
          {refused ? (
            <div className="callout tone-error" data-testid="source-write" data-status="failed">
              <p className="callout-title">{t('detail.write.failedPending')}</p>
              <p>{t(`common:errors.${refused.errorCode ?? 'internal'}`)}</p>
              <p className="actor">{t(`common:actor.${actorForErrorCode(refused.errorCode ?? 'internal')}`)}</p>
            </div>
          ) : null}
          <div className="conflict-actions">
            <div>
              <Button
                variant="primary"
                busy={resolve.isPending && choice === 'proposal'}
                onClick={() => decide('proposal')}
                aria-describedby="apply-hint"
              >
                {t('detail.apply')}
              </Button>
              <p id="apply-hint" className="field-hint">
                {consequence(proposed)}
              </p>
            </div>
            <div>
              <Button busy={resolve.isPending && choice === other} onClick={() => decide(other)} aria-describedby="other-hint">
                {t('detail.useOther')}
              </Button>
              <p id="other-hint" className="field-hint">
                {consequence(other)}
              </p>
            </div>
          </div>
        </section>
      ) : (
        <section className="panel" aria-labelledby="conflict-result-heading" data-testid="conflict-result">
          <h2 id="conflict-result-heading" className="conflict-result-heading" ref={resultHeading} tabIndex={-1}>
            {t('detail.resolvedHeading')}
          </h2>
          <dl className="details-grid">
            <div>
              <dt>{t('detail.winner')}</dt>
              <dd data-winner={conflict.winner ?? ''}>
                <StatusBadge tone="ok" testId="conflict-winner">
                  {conflict.winner ? t(`outcome.${conflict.winner}`) : t('status.resolved')}
                </StatusBadge>
              </dd>
            </div>
            <div>
              <dt>{t('detail.resolvedBy')}</dt>
              <dd data-testid="conflict-resolved-by">
                {conflict.resolvedHow === 'rule' ? t('detail.howRule') : (conflict.resolvedBy?.displayName ?? t('outcome.byUnknown'))}
              </dd>
            </div>
            {conflict.resolvedAt ? (
              <div>
                <dt>{t('detail.resolvedAt')}</dt>
                <dd>
                  <time dateTime={conflict.resolvedAt}>{format.dateTime(conflict.resolvedAt)}</time>
                </dd>
              </div>
            ) : null}
          </dl>
          {conflict.sourceWrite ? <SourceWriteResult write={conflict.sourceWrite} /> : null}
        </section>
      )}
    </>
  );
}
