-- Events anyone can cause are tallied, not appended. A refused webhook needs only the
-- integration's id, which is in the URL a registry posts to; if each refusal wrote a row, a
-- flood of them would write rows without limit. Instead one row per integration, refusal kind
-- and minute counts them (`counts.occurrences`), so the refusals stay visible in the audit
-- trail and a flood costs a constant number of rows.
--
-- `tally_key` names that row ("<integration>:<error code>@<minute, UTC>"). A tallied row changes
-- only while its minute lasts; every other audit row is still written once and never changed.

alter table sync.audit_events add column tally_key text;

create unique index audit_events_tally_idx on sync.audit_events (tally_key) where tally_key is not null;
