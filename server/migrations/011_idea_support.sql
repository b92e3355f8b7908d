-- "+1" support for public ideas (issue 19 §3): one row per person and idea. Kept by the server,
-- never in the board document, so nobody can write a count or support as someone else; the
-- control state carries the count per idea to everyone and each person's own supports to them.
-- A supporter is a guest (or, never in practice, any other principal) id; no names are stored.
-- Deleting the board (the workshop) deletes its supports; erasure deletes the person's rows.
create table idea_support (
  board_id text not null references boards (id) on delete cascade,
  idea_id text not null,
  supporter_id text not null,
  created_at timestamptz not null default now(),
  primary key (board_id, idea_id, supporter_id)
);

create index idea_support_supporter_idx on idea_support (supporter_id);
