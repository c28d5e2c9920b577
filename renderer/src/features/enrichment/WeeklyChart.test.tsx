import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import type { EnrichmentWeek } from '../../../../shared/contract/enrichment.ts';
import { createI18n } from '../../i18n/i18n.ts';
import type { Language } from '../../i18n/catalog.ts';
import { WeeklyChart } from './WeeklyChart.tsx';

const WEEKS: EnrichmentWeek[] = [
  { weekStart: '2026-11-16', enriched: 2 },
  { weekStart: '2026-11-23', enriched: 0 },
  { weekStart: '2026-11-30', enriched: 5 },
  { weekStart: '2026-12-07', enriched: 1 },
];

function renderChart(weeks: EnrichmentWeek[], language: Language = 'nb') {
  return render(
    <I18nextProvider i18n={createI18n(language)}>
      <WeeklyChart weeks={weeks} orgName="Norsk Friluftslag" />
    </I18nextProvider>,
  );
}

describe('the weekly timeline', () => {
  it('is one named image with its summary in words, and a table of every week on demand', async () => {
    renderChart(WEEKS);
    const chart = screen.getByRole('img', { name: 'Fødselsnumre skrevet per uke for Norsk Friluftslag' });
    expect(chart).toHaveAccessibleDescription('8 numre skrevet over 4 uker. Flest på én uke: 5, uken fra 30. nov. 2026.');
    expect(screen.getByTestId('chart-summary')).toHaveTextContent('8 numre skrevet over 4 uker.');
    // The axis names weeks the way a Norwegian calendar does.
    expect(chart).toHaveTextContent('u. 47');
    expect(chart).toHaveTextContent('u. 50');

    const toggle = screen.getByRole('button', { name: 'Vis som tabell' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(toggle).toHaveAccessibleName('Skjul tabellen');

    const table = screen.getByRole('table', { name: 'Fødselsnumre skrevet per uke for Norsk Friluftslag' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(['Uke', 'Numre skrevet']);
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      );
    // Every week, the one still going first, empty weeks too.
    expect(rows).toEqual([
      ['Uke 50 (fra 7. des. 2026)', '1'],
      ['Uke 49 (fra 30. nov. 2026)', '5'],
      ['Uke 48 (fra 23. nov. 2026)', '0'],
      ['Uke 47 (fra 16. nov. 2026)', '2'],
    ]);

    await userEvent.click(toggle);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says so when nothing is written yet, in English too', async () => {
    renderChart([{ weekStart: '2026-12-07', enriched: 0 }], 'en');
    const chart = screen.getByRole('img', { name: 'Numbers written per week for Norsk Friluftslag' });
    expect(chart).toHaveAccessibleDescription('No numbers written yet over 1 week.');
    await userEvent.click(screen.getByRole('button', { name: 'Show as table' }));
    const table = screen.getByRole('table', { name: 'Numbers written per week for Norsk Friluftslag' });
    expect(within(table).getByRole('row', { name: 'Week 50 (from 7 Dec 2026) 0' })).toBeInTheDocument();
  });
});
