-- A participant's receipt (issue 20 §4): a link a guest keeps on the phone that shows their own
-- ideas and what became of them, after their session has ended. Only SHA-256 of the link's
-- secret is stored. It belongs to the guest, not to a session: it outlives logout, and goes with
-- the guest (erasure by /api/me/forget deletes the guest) and with the workshop (deletion,
-- retention). A guest may hold a few links (each request adds one; the oldest beyond five are
-- dropped), so a link kept earlier keeps working when the person asks again.
create table receipts (
  token_hash bytea primary key,
  guest_id text not null references guests (id) on delete cascade,
  workshop_id text not null references workshops (id) on delete cascade,
  created_at timestamptz not null default now()
);

create index receipts_guest_idx on receipts (guest_id);
