-- Versions and restore (issue 14 §3): the update log says who sent each update, and keeps its
-- rows as the board's history instead of deleting them when they are folded into the snapshot.
--
-- sender_kind/sender_id: 'guest' + guests.id, 'facilitator' + facilitators.id, or 'system' (the
-- server's own edits, id null). Rows stored before this migration have no sender (null).
alter table board_updates add column sender_kind text
  check (sender_kind in ('guest', 'facilitator', 'system'));
alter table board_updates add column sender_id text;

-- Restore points: the snapshot each compaction wrote, kept (with the log rows) for as long as the
-- workshop is kept; erasure and the retention job purge a person's text from every one of them
-- (server/src/sync/BoardHistory.ts). A compaction marks the log rows it folded in with its
-- restore point's id instead of deleting them; a board loads its current snapshot
-- (board_snapshots) and only the rows not folded into it yet.
create table board_restore_points (
  id bigserial primary key,
  board_id text not null references boards (id) on delete cascade,
  data bytea not null,
  -- highest board_updates.id folded into this restore point
  covers_update_id bigint not null,
  created_at timestamptz not null default now()
);

create index board_restore_points_board_idx on board_restore_points (board_id, id);

alter table board_updates add column restore_point_id bigint;

create index board_updates_unfolded_idx on board_updates (board_id, id) where restore_point_id is null;

-- The snapshot every existing board has now is its first restore point.
insert into board_restore_points (board_id, data, covers_update_id, created_at)
  select board_id, data, covers_update_id, updated_at from board_snapshots;
