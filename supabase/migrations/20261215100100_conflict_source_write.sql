-- Which registry write carries a conflict's winning app value, so the console can show the
-- write's state next to the decision: queued, written, or failed with its error code.
-- A rule that lets the app win points at the outbox row it queued (several syncs before the
-- write lands share one row); an admin's choice for the app points at the write the backend
-- made at once, or, while the conflict stays pending, at the attempt the registry refused.
alter table sync.conflicts
  add column if not exists source_write_id uuid references sync.source_writes (id) on delete set null;

-- Rows from before: a rule's app-side decision is the member's write for the category queued
-- at or before it (the outbox row it joined or created). The scratch index makes each lookup one
-- probe instead of a scan of the outbox per conflict; nothing reads writes this way afterwards.
create index if not exists source_writes_backfill_tmp on sync.source_writes (member_id, category, created_at desc);
update sync.conflicts c
   set source_write_id = (
     select w.id from sync.source_writes w
      where w.member_id = c.member_id and w.category = c.category and w.created_at <= c.resolved_at
      order by w.created_at desc
      limit 1)
 where c.source_write_id is null and c.status = 'resolved' and c.winner = 'app' and c.resolved_how = 'rule';
drop index if exists sync.source_writes_backfill_tmp;

-- The foreign key's reverse lookup (deleting a write), and the outbox row behind a conflict.
create index if not exists conflicts_source_write_idx on sync.conflicts (source_write_id) where source_write_id is not null;
