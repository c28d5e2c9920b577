import type { ReactNode } from 'react';

export type Tone = 'ok' | 'warning' | 'error' | 'info' | 'neutral';

// A symbol as well as a colour: status is never carried by colour alone (WCAG 1.4.1).
const SYMBOLS: Record<Tone, string> = { ok: '✓', warning: '!', error: '✕', info: 'i', neutral: '•' };

export function StatusBadge({ tone, children, testId }: { tone: Tone; children: ReactNode; testId?: string }) {
  return (
    <span className={`status-badge tone-${tone}`} data-tone={tone}>
      <span className="status-symbol" aria-hidden="true">
        {SYMBOLS[tone]}
      </span>
      <span data-testid={testId}>{children}</span>
    </span>
  );
}
