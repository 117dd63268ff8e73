-- Reserved for issue 10: signing keys, submissions, registers, issuance. Hand-written SQL mirroring server/db/schema; statements separated by
-- the drizzle breakpoint marker.
select 1;
