-- The rule preview (rules.preview) counts an organization's conflicts in one category resolved
-- in the last 30 days, by the side that won: one range of this index, answered from the index
-- alone. Resolved conflicts are kept for good, so without resolved_at in the key the range
-- would grow with the whole history. The pending half of the preview is a range of the review
-- queue's indexes.
create index if not exists conflicts_rule_preview_idx
  on sync.conflicts (org_id, category, resolved_at)
  include (winner)
  where status = 'resolved';
