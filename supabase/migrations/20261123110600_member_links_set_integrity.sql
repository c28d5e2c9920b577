-- member_links is written a thousand rows at a time by every sync. Its two composite foreign
-- keys checked each row on its own: one index probe and one row lock per row and key,
-- measured at about 1.5 s per 100 000 links on PostgreSQL 15, more than the insert itself.
-- The same rules are now checked once per statement over all the rows it wrote, and the
-- cascades the keys gave are kept by triggers on the parent tables.
--
-- What is given up: the row lock a foreign key takes on its parent. A member or integration
-- deleted by a concurrent transaction in the instant between the check and the commit could
-- leave a link pointing at nothing. Members and integrations are deleted only when an
-- organization or integration is removed, never by a sync; such a link is ignored by every
-- read (they join members) and removed with its integration.

alter table sync.member_links
  drop constraint member_links_integration_id_org_id_fkey,
  drop constraint member_links_member_id_org_id_fkey;

create function sync.check_member_links()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  written int;
  with_integration int;
  with_member int;
begin
  -- Lateral lookups by id alone, with `offset 0`, keep each check on the parent's primary
  -- key: the transition table has no statistics, and with stale statistics on the parent a
  -- planner may otherwise pick another index and scan a whole organization per written row.
  select count(*) into written from written_links;
  select count(*) into with_integration
    from written_links w
    cross join lateral (select i.org_id from sync.integrations i where i.id = w.integration_id offset 0) i
   where i.org_id = w.org_id;
  if with_integration <> written then
    raise exception using errcode = '23503', table = 'member_links',
      message = 'member_links: the integration does not exist in that organization';
  end if;
  select count(*) into with_member
    from written_links w
    cross join lateral (select m.org_id from sync.members m where m.id = w.member_id offset 0) m
   where m.org_id = w.org_id;
  if with_member <> written then
    raise exception using errcode = '23503', table = 'member_links',
      message = 'member_links: the member does not exist in that organization';
  end if;
  return null;
end;
$$;

create trigger member_links_check_insert
  after insert on sync.member_links
  referencing new table as written_links
  for each statement execute function sync.check_member_links();

create trigger member_links_check_update
  after update on sync.member_links
  referencing new table as written_links
  for each statement execute function sync.check_member_links();

-- The cascades the foreign keys gave. Security definer, as a foreign key's cascade acts as
-- the table owner: a global admin may delete an integration without any grant on links.
create function sync.delete_links_of_deleted_members()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  delete from sync.member_links l using deleted_members d where l.member_id = d.id;
  return null;
end;
$$;

create trigger members_delete_links
  after delete on sync.members
  referencing old table as deleted_members
  for each statement execute function sync.delete_links_of_deleted_members();

create function sync.delete_links_of_deleted_integrations()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  delete from sync.member_links l using deleted_integrations d where l.integration_id = d.id;
  return null;
end;
$$;

create trigger integrations_delete_links
  after delete on sync.integrations
  referencing old table as deleted_integrations
  for each statement execute function sync.delete_links_of_deleted_integrations();
