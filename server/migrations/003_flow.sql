-- The workshop flow: phase, timer and facilitation state, voting rounds with secret ballots,
-- hidden and pending (pre-moderated) ideas, and the activity log.
create table workshop_state (
  workshop_id text primary key references workshops (id) on delete cascade,
  phase text not null default 'collect' check (phase in ('collect', 'cluster', 'vote', 'discuss')),
  phase_started_at timestamptz not null default now(),
  timer_status text not null default 'stopped' check (timer_status in ('stopped', 'running', 'paused')),
  timer_duration_ms integer not null default 0,
  timer_ends_at timestamptz,
  timer_remaining_ms integer not null default 0,
  locked boolean not null default false,
  private_collection boolean not null default false,
  ideas_revealed boolean not null default true,
  premoderation boolean not null default false,
  anonymous_ideas boolean not null default false,
  store_authors boolean not null default true,
  spotlight_kind text check (spotlight_kind in ('idea', 'cluster')),
  spotlight_id text,
  follow_user text,
  show_tally boolean not null default false
);

create table voting_rounds (
  id text primary key,
  workshop_id text not null references workshops (id) on delete cascade,
  number integer not null,
  status text not null check (status in ('open', 'closed', 'revealed')),
  target_kind text not null check (target_kind in ('idea', 'cluster')),
  target_ids text,
  dots_per_person integer not null check (dots_per_person between 1 and 100),
  max_per_target integer not null check (max_per_target between 1 and 100),
  ends_at timestamptz,
  created_at timestamptz not null default now(),
  revealed_at timestamptz,
  voters integer,
  results text,
  unique (workshop_id, number)
);

create table ballots (
  round_id text not null references voting_rounds (id) on delete cascade,
  voter_id text not null,
  target_id text not null,
  dots integer not null check (dots > 0),
  primary key (round_id, voter_id, target_id)
);

-- One row per voter and round, locked while a dot is placed, so concurrent clicks serialise.
create table ballot_locks (
  round_id text not null references voting_rounds (id) on delete cascade,
  voter_id text not null,
  primary key (round_id, voter_id)
);

create table idea_flags (
  workshop_id text not null references workshops (id) on delete cascade,
  idea_id text not null,
  flag text not null check (flag in ('hidden', 'pending')),
  primary key (workshop_id, idea_id, flag)
);

create table activity (
  id bigserial primary key,
  workshop_id text not null references workshops (id) on delete cascade,
  at timestamptz not null default now(),
  actor_role text,
  type text not null,
  data text
);

create index activity_workshop_idx on activity (workshop_id, id);
