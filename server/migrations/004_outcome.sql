-- Outcomes: the licence a workshop publishes its open data under, the publishing body, and
-- whether reports may name participants (opt-in; default: no names).
alter table workshops add column data_licence text not null default 'cc-by-4.0'
  check (data_licence in ('cc-by-4.0', 'dl-by-de-2.0'));
alter table workshops add column publisher text;
alter table workshops add column report_names boolean not null default false;
