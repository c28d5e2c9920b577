import { Link, getRouteApi } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEventView, AuditMemberChange } from '../../../../shared/contract/audit.ts';
import { actorForErrorCode } from '../../../../shared/domain/errors.ts';
import { isNotFound } from '../../app/shown-in-place.ts';
import { useFormat } from '../../i18n/format.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { useActorName, useEventWords } from './event-words.ts';
import { useFieldWords, type RawValue } from './field-words.ts';
import { OUTCOME_TONES } from './outcome-tone.ts';
import { useAuditEvent, useAuditNames } from './queries.ts';

const route = getRouteApi('/audit/$eventId');

const COUNT_KEYS = [
  'seen',
  'created',
  'updated',
  'unchanged',
  'quarantined',
  'lapsed',
  'removed',
  'conflicts',
  'conflictsQueued',
  'occurrences',
] as const;
type CountKey = (typeof COUNT_KEYS)[number];
const isCountKey = (key: string): key is CountKey => (COUNT_KEYS as readonly string[]).includes(key);

/** One audit event: its facts, numbers and errors, and each member it changed, field by field. */
export function AuditEventPage() {
  const { t } = useTranslation(['audit', 'common']);
  const { eventId } = route.useParams();
  const search = route.useSearch();
  const detail = useAuditEvent(eventId);
  const words = useEventWords();
  const event = detail.data?.pages[0]?.event;
  const changes = detail.data?.pages.flatMap((page) => page.changes.items) ?? [];

  if (detail.isError && !event) {
    // Another organization's event is not_found for an organization admin, exactly like one that never existed.
    return (
      <>
        <PageHeading>{t('detail.notFoundTitle')}</PageHeading>
        <EmptyState
          title={isNotFound(detail.error) ? t('detail.notFound') : t('common:errors.unexpected')}
          action={
            <Link to="/audit" search={search} activeOptions={{ exact: true }} data-testid="back-to-list">
              {t('detail.back')}
            </Link>
          }
        />
      </>
    );
  }

  return (
    <>
      <p className="back-link">
        <Link to="/audit" search={search} activeOptions={{ exact: true }} data-testid="back-to-list">
          <span aria-hidden="true">← </span>
          {t('detail.back')}
        </Link>
      </p>
      <PageHeading>{event ? words(event) : t('title')}</PageHeading>
      {detail.isPending ? <p>{t('detail.loading')}</p> : null}
      {event ? (
        <>
          <EventFacts event={event} />
          <EventCounts counts={event.counts} />
          <EventError event={event} />
          <section className="panel" aria-labelledby="audit-changes-title" data-testid="member-changes">
            <h2 id="audit-changes-title">{t('detail.changes')}</h2>
            <p className="field-hint">{t('detail.changesHint')}</p>
            {changes.length === 0 ? <EmptyState title={t('detail.noChanges')} /> : null}
            {changes.map((change) => (
              <MemberChange key={change.id} change={change} />
            ))}
            <LoadMore query={detail} />
          </section>
        </>
      ) : null}
    </>
  );
}

function EventFacts({ event }: { event: AuditEventView }) {
  const { t } = useTranslation('audit');
  const format = useFormat();
  const actorName = useActorName();
  const { names } = useAuditNames();
  const integration = names.integration(event.integrationId);
  return (
    <section className="panel" aria-labelledby="audit-facts-title" data-testid="event-facts">
      <h2 id="audit-facts-title">{t('detail.facts')}</h2>
      <dl className="details-grid">
        <div>
          <dt>{t('detail.kind')}</dt>
          <dd data-testid="event-type">{t(`typeOne.${event.type}`)}</dd>
        </div>
        <div>
          <dt>{t('detail.time')}</dt>
          <dd>
            <time dateTime={event.occurredAt}>{format.dateTime(event.occurredAt)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('detail.outcome')}</dt>
          <dd>
            <StatusBadge tone={OUTCOME_TONES[event.outcome]} testId="event-outcome">
              {t(`outcome.${event.outcome}`)}
            </StatusBadge>
          </dd>
        </div>
        <div>
          <dt>{t('detail.actor')}</dt>
          <dd data-testid="event-actor">{actorName(event.actor)}</dd>
        </div>
        <div>
          <dt>{t('detail.organization')}</dt>
          <dd>{names.organization(event.orgId)}</dd>
        </div>
        <div>
          <dt>{t('detail.integration')}</dt>
          <dd>{integration || t('table.allOfOrganization')}</dd>
        </div>
      </dl>
      {event.runId ? (
        <p>
          <Link to="/runs/$runId" params={{ runId: event.runId }}>
            {t('detail.runLink')}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

function EventCounts({ counts }: { counts: Record<string, number> | null }) {
  const { t } = useTranslation('audit');
  const format = useFormat();
  // The known numbers in a fixed order, any others after them.
  const rank = (key: string) => (isCountKey(key) ? COUNT_KEYS.indexOf(key) : COUNT_KEYS.length);
  const entries = Object.entries(counts ?? {}).sort(([a], [b]) => rank(a) - rank(b));
  if (entries.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="audit-counts-title" data-testid="event-counts">
      <h2 id="audit-counts-title">{t('detail.counts')}</h2>
      <dl className="details-grid">
        {entries.map(([key, value]) => (
          <div key={key} data-count-key={key} data-count={value}>
            <dt>{isCountKey(key) ? t(`countLabels.${key}`) : <OtherValue name={key} />}</dt>
            <dd>{format.count(value)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function EventError({ event }: { event: AuditEventView }) {
  const { t } = useTranslation(['audit', 'common']);
  if (event.errorCode === null && event.errorCategory === null) return null;
  const code = event.errorCode ?? 'internal';
  return (
    <section
      className={`callout tone-${event.outcome === 'error' ? 'error' : 'warning'}`}
      aria-labelledby="audit-error-title"
      data-testid="event-error"
      data-code={code}
    >
      <h2 id="audit-error-title" className="callout-title">
        {t('detail.error')}
      </h2>
      <p>{t(`common:errors.${code}`)}</p>
      {event.errorCategory ? (
        <p>
          {t('detail.errorCategory')}: {t(`errorCategories.${event.errorCategory}`)}
        </p>
      ) : null}
      <p className="actor">{t(`common:actor.${actorForErrorCode(code)}`)}</p>
    </section>
  );
}

function MemberChange({ change }: { change: AuditMemberChange }) {
  const { t } = useTranslation('audit');
  const { fieldName, value } = useFieldWords();
  const name = change.memberName ?? t('detail.unnamed', { id: change.externalId ?? change.memberId });
  return (
    <article className="member-change" data-testid="member-change" data-member-id={change.memberId} data-change={change.change}>
      <h3>
        {name}
        {change.externalId && change.memberName ? <span className="muted"> ({change.externalId})</span> : null}
      </h3>
      <p>
        <StatusBadge tone={change.change === 'conflict' ? 'warning' : 'info'}>{t(`changeKinds.${change.change}`)}</StatusBadge>
      </p>
      {change.fields.length > 0 ? (
        <DataTable
          caption={t('detail.changesCaption', { name })}
          captionHidden
          columns={[
            { id: 'field', header: t('detail.field'), cell: (field) => fieldName(field.field) ?? <OtherValue name={field.field} /> },
            { id: 'before', header: t('detail.before'), cell: (field) => <ValueText value={value(field.field, field.before)} /> },
            {
              id: 'after',
              header: t('detail.after'),
              cell: (field) => (
                <>
                  <span aria-hidden="true">→ </span>
                  <ValueText value={value(field.field, field.after)} />
                </>
              ),
            },
          ]}
          rows={change.fields}
          rowKey={(field) => field.field}
          rowProps={(field) => ({ 'data-testid': 'field-change', 'data-field': field.field })}
        />
      ) : null}
    </article>
  );
}

/** A count or field the console has no word for: said to be one, with the name it was recorded under. */
function OtherValue({ name }: { name: string }) {
  const { t } = useTranslation('audit');
  return (
    <span data-testid="other-value">
      {t('detail.otherValue')} <code>{name}</code>
    </span>
  );
}

function ValueText({ value }: { value: string | RawValue }): ReactNode {
  return typeof value === 'string' ? value : <code>{value.raw}</code>;
}
