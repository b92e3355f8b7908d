-- Boards and their Yjs documents: an append-only update log plus one compacted snapshot per board.
create table boards (
  id text primary key,
  created_at timestamptz not null default now()
);

create table board_snapshots (
  board_id text primary key references boards (id) on delete cascade,
  data bytea not null,
  -- highest board_updates.id merged into this snapshot
  covers_update_id bigint not null,
  updated_at timestamptz not null default now()
);

create table board_updates (
  id bigserial primary key,
  board_id text not null references boards (id) on delete cascade,
  data bytea not null,
  created_at timestamptz not null default now()
);

create index board_updates_board_id_id_idx on board_updates (board_id, id);
