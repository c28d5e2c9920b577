// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../backend/db/port.ts';
import { describeError } from '../../backend/logging/describe-error.ts';
import { SourceError } from '../../backend/adapters/member-source.ts';
import { databaseTargets, openMigrated } from './harness.ts';

const PAGE = JSON.stringify([{ first_name: 'Kari', last_name: 'Nordmann', email: 'kari.nordmann@example.no', birth_date: '0000-01-01' }]);

describe.each(databaseTargets())('log lines from database errors on $name', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await openMigrated(target);
  });
  afterAll(async () => db?.close());

  async function failure(sql: string, params: unknown[]): Promise<unknown> {
    return db.query(sql, params).then(
      () => {
        throw new Error('expected the statement to fail');
      },
      (error: unknown) => error,
    );
  }

  it('keep the SQLSTATE and drop the query, its parameters and any quoted value', async () => {
    const error = await failure(
      `insert into sync.members (org_id, first_name, last_name, email, birth_date, status)
       select gen_random_uuid(), r.first_name, r.last_name, r.email, r.birth_date::date, 'active'
         from jsonb_to_recordset($1::jsonb) as r(first_name text, last_name text, email text, birth_date text)`,
      [PAGE],
    );
    const line = describeError(error);
    expect(line).toMatch(/SQLSTATE [0-9A-Z]{5}/);
    expect(line).not.toMatch(/kari|nordmann|0000-01-01|jsonb_to_recordset|insert/i);
  });

  it('name the constraint, never the failing row', async () => {
    const error = await failure(`insert into sync.organizations (slug, name) values ($1, $2), ($1, $2)`, ['kari-nordmann-private', 'Kari Nordmann']);
    const line = describeError(error);
    expect(line).toContain('SQLSTATE 23505');
    expect(line).not.toMatch(/kari/i);
  });
});

describe('log lines from our own errors', () => {
  it('keep the message, which was written to be shown', () => {
    const line = describeError(new SourceError('source_timeout', 'Cornerstone did not answer.', { actor: 'vendor', retryable: true }));
    expect(line).toContain('source_timeout: Cornerstone did not answer.');
  });

  it('describe a thrown non-error without printing it', () => {
    expect(describeError({ email: 'kari@example.no' })).not.toContain('kari');
    expect(describeError('kari@example.no')).toBe('Non-error thrown: string');
  });
});
