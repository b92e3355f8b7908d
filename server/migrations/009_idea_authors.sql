-- Who wrote each idea, as the server saw it (issue 14 §2): the guest behind the connection that
-- created it. Anonymous ideas carry no author in the board document at all; this record is the
-- only link, read by no view and no export — only by the rights check ("own idea": edit, delete)
-- and by erasure. With the workshop's "Urheberschaft gar nicht speichern" (store_authors false)
-- nothing is recorded here either.
create table idea_authors (
  board_id text not null references boards (id) on delete cascade,
  idea_id text not null,
  guest_id text not null,
  primary key (board_id, idea_id)
);

create index idea_authors_guest_idx on idea_authors (guest_id);
