import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VictoryAxis, VictoryBar, VictoryChart, VictoryContainer } from 'victory';
import type { EnrichmentWeek } from '../../../../shared/contract/enrichment.ts';
import { useFormat } from '../../i18n/format.ts';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { countTicks, isoWeekNumber, summarizeWeeks, tickPositions } from './weeks.ts';

/** The most week labels the axis shows; the table alternative lists every week. */
const MAX_AXIS_LABELS = 8;
const WIDTH = 640;
const PADDING = { top: 12, right: 16, bottom: 36, left: 44 };
/** The widest a bar is drawn, so one week alone is a bar and not a wall. */
const MAX_BAR_WIDTH = 48;
// The console's own colours (styles.css): bars at 3:1 or more against white, labels at 4.5:1.
const BAR = '#1d4ed8';
const LABEL = '#4f5869';
const GRID = '#c9ced8';
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const tickLabels = { fill: LABEL, fontFamily: FONT, fontSize: 12, padding: 6 };

/**
 * New numbers written per week since enrichment was switched on. The chart is one image to
 * assistive technology, named and summarized in words (role="img" with a title and a
 * description); every week and its count is in a table the admin can show (WCAG 1.1.1, 1.3.1).
 * Victory's SVG takes its styles as React style props, which React sets through the DOM's style
 * properties (CSSOM), never as a <style> element or a style attribute in markup: the console's
 * CSP (style-src 'self', no 'unsafe-inline') allows that, and the e2e spec watches for violations.
 */
export function WeeklyChart({ weeks, orgName }: { weeks: readonly EnrichmentWeek[]; orgName: string }) {
  const { t } = useTranslation('enrichment');
  const format = useFormat();
  const headingId = useId();
  const tableId = useId();
  const [showTable, setShowTable] = useState(false);
  const summary = useMemo(() => summarizeWeeks(weeks), [weeks]);
  const data = useMemo(() => weeks.map((week, index) => ({ x: index, y: week.enriched })), [weeks]);
  // Victory sizes bars by how many there are, which makes one bar a hairline: 70 % of a week's width, at most MAX_BAR_WIDTH.
  const barWidth = Math.max(2, Math.min(MAX_BAR_WIDTH, ((WIDTH - PADDING.left - PADDING.right) / (weeks.length + 0.2)) * 0.7));
  const xTicks = useMemo(() => tickPositions(weeks.length, MAX_AXIS_LABELS), [weeks.length]);
  const yTicks = useMemo(() => countTicks(Math.max(0, ...weeks.map((week) => week.enriched))), [weeks]);
  // weekStart is a calendar date (a Monday), not an instant: read at noon UTC it is the same day in Oslo.
  const dateOf = (week: EnrichmentWeek) => format.date(`${week.weekStart}T12:00:00Z`);
  const spanText = t('chart.weeks', { count: weeks.length });
  const description =
    summary.busiest === null
      ? t('chart.summaryNone', { weeks: spanText })
      : t('chart.summary', { count: summary.total, weeks: spanText, most: summary.busiest.enriched, week: dateOf(summary.busiest) });

  return (
    <section className="enrichment-chart" aria-labelledby={headingId} data-testid="enrichment-chart">
      <h3 id={headingId}>{t('chart.title')}</h3>
      <p className="muted" data-testid="chart-summary">
        {description}
      </p>
      <div className="chart-frame">
        <VictoryChart
          width={WIDTH}
          height={220}
          padding={PADDING}
          domain={{ x: [-0.6, Math.max(0.6, weeks.length - 0.4)], y: [0, yTicks.at(-1) ?? 1] }}
          containerComponent={<VictoryContainer role="img" title={t('chart.name', { name: orgName })} desc={description} responsive />}
        >
          {/* At the chart's edges: by default each axis crosses the other at zero, and x = 0 is the first week's bar. */}
          <VictoryAxis
            offsetY={PADDING.bottom}
            tickValues={xTicks}
            tickFormat={(index: number) => {
              const week = weeks[index];
              return week ? t('chart.weekShort', { week: isoWeekNumber(week.weekStart) }) : '';
            }}
            style={{ axis: { stroke: LABEL }, tickLabels }}
          />
          <VictoryAxis
            dependentAxis
            offsetX={PADDING.left}
            tickValues={yTicks}
            tickFormat={(value: number) => format.count(value)}
            style={{ axis: { stroke: LABEL }, grid: { stroke: GRID, strokeDasharray: '3 4' }, tickLabels }}
          />
          <VictoryBar data={data} barWidth={barWidth} style={{ data: { fill: BAR } }} />
        </VictoryChart>
      </div>
      <Button variant="link" aria-expanded={showTable} aria-controls={tableId} onClick={() => setShowTable((shown) => !shown)}>
        {showTable ? t('chart.hideTable') : t('chart.showTable')}
      </Button>
      <div id={tableId} hidden={!showTable} data-testid="chart-table">
        {showTable ? (
          <DataTable
            caption={t('chart.tableCaption', { name: orgName })}
            columns={[
              {
                id: 'week',
                header: t('chart.week'),
                cell: (week: EnrichmentWeek) => t('chart.weekLong', { week: isoWeekNumber(week.weekStart), date: dateOf(week) }),
              },
              { id: 'count', header: t('chart.count'), numeric: true, cell: (week: EnrichmentWeek) => format.count(week.enriched) },
            ]}
            // Newest first, as the lists on this screen: the week that is still going is on top.
            rows={[...weeks].reverse()}
            rowKey={(week) => week.weekStart}
            rowProps={(week) => ({ 'data-week': week.weekStart, 'data-count': String(week.enriched) })}
          />
        ) : null}
      </div>
    </section>
  );
}
