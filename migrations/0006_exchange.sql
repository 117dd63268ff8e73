-- Reserved for issue 13: agency settings for import/export. Hand-written SQL mirroring server/db/schema; statements separated by
-- the drizzle breakpoint marker.
select 1;
