-- The speaking queue ("Wortmeldungen", issue 19 §1): one queue per workshop for the people in
-- the room and those at home, kept by the server (server/src/workshops/SpeakingStore.ts), so it
-- survives reloads and restarts. Names are not stored here: the view reads the guest's display
-- name, so the retention job's name deletion and erasure reach it without a step of their own.
create table speaking_settings (
  workshop_id text primary key references workshops (id) on delete cascade,
  -- call room and home in turn
  alternate boolean not null default false
);

create table speaking_requests (
  id text primary key,
  workshop_id text not null references workshops (id) on delete cascade,
  -- the guest who asked (the session's identity); null once the person was erased
  guest_id text,
  channel text not null check (channel in ('room', 'home')),
  status text not null check (status in ('waiting', 'speaking', 'done', 'withdrawn', 'removed')),
  -- order among the waiting requests (the facilitator may change it)
  position integer not null,
  requested_at timestamptz not null default now(),
  started_at timestamptz,
  ended_at timestamptz
);

create index speaking_requests_workshop_idx on speaking_requests (workshop_id, status);
create index speaking_requests_guest_idx on speaking_requests (guest_id);
-- one open request per person, one speaker per workshop
create unique index speaking_requests_open_idx on speaking_requests (workshop_id, guest_id)
  where status in ('waiting', 'speaking');
create unique index speaking_requests_speaker_idx on speaking_requests (workshop_id)
  where status = 'speaking';
