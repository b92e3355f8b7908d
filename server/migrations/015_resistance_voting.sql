-- A second decision method (issue 20 §6): resistance voting ("Systemisches Konsensieren").
-- A round says how it decides; existing rounds are dot rounds.
alter table voting_rounds add column method text not null default 'dots'
  check (method in ('dots', 'resistance'));

-- A person's resistance (0–10) per option of a resistance round, one row per person and option;
-- the passive solution's id is `::passive`. Secret like dot ballots: only sums leave the server,
-- at the reveal (stored in voting_rounds.results); the rows go with the round. `weight` is how
-- many people the ballot stands for: 1, or a table device's people (issue 19 §2) when it rated.
create table resistance_ratings (
  round_id text not null references voting_rounds (id) on delete cascade,
  voter_id text not null,
  target_id text not null,
  resistance integer not null check (resistance between 0 and 10),
  weight integer not null default 1 check (weight between 1 and 100),
  primary key (round_id, voter_id, target_id)
);
