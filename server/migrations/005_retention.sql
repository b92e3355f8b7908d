-- Data retention per workshop: delete guests' names and/or the whole workshop a number of days
-- after the workshop's end (server/src/workshops/RetentionStore.ts defines the end). Until a
-- facilitator saves settings (retention_custom), the server-wide defaults apply.
alter table workshops add column retention_custom boolean not null default false;
alter table workshops add column retention_names_days integer
  check (retention_names_days between 1 and 3650);
alter table workshops add column retention_workshop_days integer
  check (retention_workshop_days between 1 and 3650);
-- Last time someone opened the board (updated at most every few minutes per instance).
alter table workshops add column last_active_at timestamptz;
-- When guests' names were last deleted (by the retention job's clock).
alter table workshops add column names_deleted_at timestamptz;
-- A retention job instance that claimed this workshop; others skip it until the lease ends.
alter table workshops add column retention_lease_until timestamptz;

-- What the retention job deleted, without personal data: it outlives the deleted workshop.
create table retention_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  workshop_id text not null,
  action text not null check (action in ('names-deleted', 'workshop-deleted')),
  detail text
);

create index retention_log_workshop_idx on retention_log (workshop_id);
