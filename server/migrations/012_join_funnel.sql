-- The join funnel (issue 19 §5): how many opened the join link, joined, wrote a first idea and
-- voted, per channel (in the room / at home), for the facilitator — aggregate only.
-- A guest's channel is where the device they joined from puts them (a phone: the room; else:
-- home), as the landing view does; null for guests who joined before this or through the API
-- without saying.
alter table guests add column channel text check (channel in ('room', 'home'));
-- When the guest's first idea reached the board (no idea id: nothing links it to an idea).
alter table guests add column first_idea_at timestamptz;

-- Join-link openings per workshop and channel: a counter, no rows per person.
create table join_opens (
  workshop_id text not null references workshops (id) on delete cascade,
  channel text not null check (channel in ('room', 'home')),
  opened integer not null default 0,
  primary key (workshop_id, channel)
);
