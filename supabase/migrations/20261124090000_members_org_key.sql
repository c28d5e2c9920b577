-- Members are found by organization (every admin read, RLS, the health counts) and matched
-- to their organization by (id, org_id) (the composite foreign key from conflicts). One
-- unique index on (org_id, id) serves both, so the separate org_id index goes: a sync writes
-- one index entry fewer per new member. A foreign key matches a unique index by its set of
-- columns, so conflicts keeps referencing (id, org_id) unchanged.
alter table sync.conflicts drop constraint conflicts_member_id_org_id_fkey;
alter table sync.members drop constraint members_id_org_id_key;
drop index sync.members_org_id_idx;
alter table sync.members add constraint members_org_id_id_key unique (org_id, id);
alter table sync.conflicts
  add constraint conflicts_member_id_org_id_fkey foreign key (member_id, org_id)
    references sync.members (id, org_id) on delete cascade;
