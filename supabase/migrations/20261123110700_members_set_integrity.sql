-- sync.members gets the same treatment as member_links (20261123110600): a full sync inserts a
-- thousand members per statement, and the row-level foreign key to organizations checked and
-- locked the same organization row once per member. The rule is checked once per statement,
-- and deleting an organization still removes its members, by a trigger.

alter table sync.members drop constraint members_org_id_fkey;

create function sync.check_member_organizations()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if exists (
    select 1
      from (select distinct w.org_id from written_members w) w
     where not exists (select 1 from sync.organizations o where o.id = w.org_id)
  ) then
    raise exception using errcode = '23503', table = 'members',
      message = 'members: the organization does not exist';
  end if;
  return null;
end;
$$;

create trigger members_check_insert
  after insert on sync.members
  referencing new table as written_members
  for each statement execute function sync.check_member_organizations();

create trigger members_check_update
  after update on sync.members
  referencing new table as written_members
  for each statement execute function sync.check_member_organizations();

-- The cascade the foreign key gave; security definer like the links' cascades, as a global
-- admin may delete an organization without any grant on members.
create function sync.delete_members_of_deleted_organizations()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  delete from sync.members m using deleted_organizations d where m.org_id = d.id;
  return null;
end;
$$;

create trigger organizations_delete_members
  after delete on sync.organizations
  referencing old table as deleted_organizations
  for each statement execute function sync.delete_members_of_deleted_organizations();
