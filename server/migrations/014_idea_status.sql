-- What became of an idea (issue 20 §2) and the public results page (§3). Statuses are set by
-- the workshop's facilitators; every change is a row, so the history is dated and nothing is
-- overwritten (an idea's current status is its newest row; none: "open"). `changed_by` is for
-- the facilitators' own view only — the public page and its feed never show it. Deleting the
-- workshop deletes its changes; erasure of a guest deletes the changes of the ideas erased with
-- them (server/src/workshops/IdeaStatusStore.ts).
create table idea_status_changes (
  id bigserial primary key,
  workshop_id text not null references workshops (id) on delete cascade,
  idea_id text not null,
  status text not null check (
    status in ('open', 'in_review', 'forwarded', 'implemented', 'not_implemented', 'merged')
  ),
  reason text check (reason is null or char_length(reason) <= 1000),
  -- with 'merged' only: the idea of the same workshop this one was merged with
  merged_into text,
  changed_at timestamptz not null default now(),
  changed_by text references facilitators (id) on delete set null,
  check ((status = 'merged') = (merged_into is not null)),
  check (status <> 'not_implemented' or reason is not null)
);

create index idea_status_changes_workshop_idx on idea_status_changes (workshop_id, id);

-- The public results page at /ergebnisse/<workshop id>: off until a facilitator publishes it.
alter table workshops add column results_public boolean not null default false;
