-- Reserved for issue 8: threads, comments, mentions. Hand-written SQL mirroring server/db/schema; statements separated by
-- the drizzle breakpoint marker.
select 1;
