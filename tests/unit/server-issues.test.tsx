// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { useForm } from 'react-hook-form';

// The client module checks for the preload's bridge when it loads; these tests never call it.
Object.defineProperty(window, 'consoleBridge', { value: { call: () => Promise.reject(new Error('not called')) }, configurable: true });
let ApiError: typeof import('../../renderer/src/api/client.ts').ApiError;
let applyServerIssues: typeof import('../../renderer/src/api/server-issues.ts').applyServerIssues;
beforeAll(async () => {
  ({ ApiError } = await import('../../renderer/src/api/client.ts'));
  ({ applyServerIssues } = await import('../../renderer/src/api/server-issues.ts'));
});

interface RuleForm {
  resolution: string;
  schedule: { cron: string };
}
const FIELDS = ['resolution', 'schedule'] as const;

const refused = (code: 'invalid_input' | 'conflict', paths: string[]) =>
  new ApiError({ code, message: 'Invalid input', actor: 'org_admin', issues: paths.map((path) => ({ path, message: 'Invalid option' })) });

function renderForm() {
  return renderHook(() => useForm<RuleForm>({ defaultValues: { resolution: 'external_wins', schedule: { cron: '0 2 * * *' } } }));
}

describe('fields the backend refused go back onto the form', () => {
  it('marks each refused field of the form with the message, and says it matched', () => {
    const form = renderForm();
    let matched = false;
    act(() => {
      matched = applyServerIssues(
        refused('invalid_input', ['resolution', 'schedule.cron', 'orgId']),
        FIELDS,
        form.result.current.setError,
        'Velg en annen',
      );
    });
    expect(matched).toBe(true);
    expect(form.result.current.getFieldState('resolution').error).toMatchObject({ type: 'server', message: 'Velg en annen' });
    // A nested path lands on the form's field that holds it.
    expect(form.result.current.getFieldState('schedule').error).toMatchObject({ type: 'server', message: 'Velg en annen' });
  });

  it('leaves the form alone for a refusal naming none of its fields, another code, or a failure that is not the backend’s', () => {
    const form = renderForm();
    for (const error of [refused('invalid_input', ['orgId']), refused('conflict', ['resolution']), new Error('bridge lost')]) {
      let matched = true;
      act(() => {
        matched = applyServerIssues(error, FIELDS, form.result.current.setError, 'Velg en annen');
      });
      expect(matched).toBe(false);
    }
    expect(form.result.current.formState.errors).toEqual({});
  });
});
