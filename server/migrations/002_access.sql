-- Facilitator accounts, workshops with their board, invite codes, guests and sessions.
create table facilitators (
  id text primary key,
  email text not null unique,
  name text not null,
  password_hash text not null,
  created_at timestamptz not null default now()
);

create table workshops (
  id text primary key,
  board_id text not null unique references boards (id),
  title text not null,
  date date,
  place text,
  description text not null default '',
  language text not null default 'de' check (language in ('de', 'en')),
  video_url text,
  lobby boolean not null default false,
  archived_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table workshop_facilitators (
  workshop_id text not null references workshops (id) on delete cascade,
  facilitator_id text not null references facilitators (id) on delete cascade,
  role text not null check (role in ('owner', 'cofacilitator')),
  primary key (workshop_id, facilitator_id)
);

create index workshop_facilitators_facilitator_idx on workshop_facilitators (facilitator_id);

create table invite_codes (
  workshop_id text not null references workshops (id) on delete cascade,
  role text not null check (role in ('participant', 'viewer')),
  code text not null unique,
  enabled boolean not null default true,
  created_at timestamptz not null default now(),
  primary key (workshop_id, role)
);

create table guests (
  id text primary key,
  workshop_id text not null references workshops (id) on delete cascade,
  display_name text,
  role text not null check (role in ('participant', 'viewer')),
  status text not null check (status in ('waiting', 'admitted', 'removed')),
  created_at timestamptz not null default now()
);

create index guests_workshop_idx on guests (workshop_id);

-- Sessions the Lucia way: the token is "<id>.<secret>"; only SHA-256 of the secret is stored.
create table sessions (
  id text primary key,
  secret_hash bytea not null,
  facilitator_id text references facilitators (id) on delete cascade,
  guest_id text references guests (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_verified_at timestamptz not null default now(),
  check ((facilitator_id is null) <> (guest_id is null))
);

create index sessions_facilitator_idx on sessions (facilitator_id);
create index sessions_guest_idx on sessions (guest_id);

-- Single-use WebSocket tickets for non-browser clients; only SHA-256 of the ticket is stored.
create table ws_tickets (
  ticket_hash bytea primary key,
  session_id text not null references sessions (id) on delete cascade,
  board_id text not null,
  expires_at timestamptz not null
);

create table facilitator_invites (
  token_hash bytea primary key,
  workshop_id text not null references workshops (id) on delete cascade,
  created_by text not null references facilitators (id) on delete cascade,
  expires_at timestamptz not null,
  used_at timestamptz
);
