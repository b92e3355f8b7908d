-- Versioned open data (issue 20 §5): every published version of a workshop's open-data package.
-- A version is cut when something in the package changed — a status, a carried idea, publishing
-- the results page, an export — and never changes afterwards, except that erasure removes an
-- erased person's ideas from every version (server/src/outcome/OpenDataVersions.ts).
-- `snapshot` is the gzip-compressed JSON of the package's texts and table rows (the report
-- package's PackageSnapshot), so a version renders to the same files for as long as it is kept;
-- `digest` is SHA-256 of that JSON before compression; `changes` the JSON list of this version's
-- changelog entries (change, itemId, detail).
create table open_data_versions (
  workshop_id text not null references workshops (id) on delete cascade,
  version integer not null check (version >= 1),
  created_at timestamptz not null default now(),
  digest text not null,
  changes text not null,
  snapshot bytea not null,
  primary key (workshop_id, version)
);
