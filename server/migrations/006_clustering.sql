-- Collaborative clustering: whether participants may move everyone's cards and change cluster
-- membership in the phases that allow arranging (packages/board phases.ts). The server enforces
-- it on every update (server/src/sync/updateRights.ts). On by default, as before.
alter table workshop_state add column collaborative_clustering boolean not null default true;
