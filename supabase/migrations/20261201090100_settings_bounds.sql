-- The safety guard's member count has the contract's upper bound too (shared/domain/
-- conflict-rules.ts, a million members), so the two agree on every value either accepts;
-- tests/db/contract-bounds.test.ts proves it for every bounded field.

alter table sync.org_sync_settings
  drop constraint org_sync_settings_guard_max_members_check,
  add constraint org_sync_settings_guard_max_members_check check (guard_max_members between 0 and 1000000);
