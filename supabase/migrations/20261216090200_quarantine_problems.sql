-- Why a record was set aside, as codes the console words for itself: an array of
-- {"field": <canonical field name or null>, "problem": <code>} (shared/domain/quarantine.ts),
-- at most ten per record, never a value. `reason` stays beside it as the English fallback; rows
-- quarantined before this column existed keep an empty array and show their reason.
-- The table already has row-level security (20261123110100_member_reconciliation.sql); a new
-- column is covered by its select policy and grants.

alter table sync.quarantined_records
  add column if not exists problems jsonb not null default '[]'::jsonb;

alter table sync.quarantined_records drop constraint if exists quarantined_records_problems_array;
alter table sync.quarantined_records
  add constraint quarantined_records_problems_array check (
    case when jsonb_typeof(problems) = 'array' then jsonb_array_length(problems) <= 10 else false end);
