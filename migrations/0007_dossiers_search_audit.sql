-- Reserved for issue 11: dossiers, search, audit. Hand-written SQL mirroring server/db/schema; statements separated by
-- the drizzle breakpoint marker.
select 1;
