-- A table's shared device (issue 19 §2): a laptop or tablet at a table of the room, marked by a
-- facilitator as "Tisch 3, 5 Personen". It is a guest of its own kind: a participant without a
-- personal name (display_name stays null) that carries the table's label and how many people sit
-- there. Its ideas are stamped with the table by the server (board document, SCHEMA.md), and in a
-- voting round it places as many dots as its people have together.
alter table guests add column table_label text;
alter table guests add column table_people integer;
alter table guests add constraint guests_table_check check (
  (table_label is null and table_people is null)
  or (length(table_label) between 1 and 40 and table_people between 1 and 30)
);
-- The one-time link that makes a browser the table's device: only SHA-256 of its secret is
-- stored; it is cleared when used and replaced when the facilitator makes a new one.
alter table guests add column table_link_hash bytea;
create unique index guests_table_link_idx on guests (table_link_hash);
