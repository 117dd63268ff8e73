-- Reserved for issue 9: consultation rounds. Hand-written SQL mirroring server/db/schema; statements separated by
-- the drizzle breakpoint marker.
select 1;
