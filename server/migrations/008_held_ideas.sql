-- Ideas that are not public yet (issue 14 §2): pending under pre-moderation, written during
-- private collection before the reveal, or hidden by a facilitator. The server takes them out of
-- the shared board document the moment they arrive (or are hidden) and keeps them here, so no
-- other participant's or viewer's client ever receives their text; they go back into the board,
-- written by the server, when they become public (server/src/workshops/HeldIdeas.ts).
create table held_ideas (
  board_id text not null references boards (id) on delete cascade,
  idea_id text not null,
  -- the guest who wrote it (the connection's identity, not a field of the document); null for
  -- facilitators' ideas they hid themselves
  author_id text,
  -- held because it was written during private collection (released by the reveal)
  private boolean not null default false,
  -- the idea entry (text, colour, cluster, author, createdAt) and its card record, as JSON
  idea text not null,
  card text,
  held_at timestamptz not null default now(),
  primary key (board_id, idea_id)
);

create index held_ideas_author_idx on held_ideas (author_id);
