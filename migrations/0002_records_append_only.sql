-- The record ledger is append-only (issue 4): UPDATE, DELETE and TRUNCATE on its tables fail in
-- the database itself, whoever runs them. Statement-level BEFORE triggers, so even a statement that
-- would touch no row is refused. A superuser can still disable triggers; `codraft verify` detects
-- whatever is changed that way (signatures, hashes, Merkle tree).
CREATE FUNCTION "codraft_refuse_ledger_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'codraft: % on "%" is refused: the record ledger is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege', HINT = 'Frozen versions are records; freeze a new version instead.';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "signing_keys_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "signing_keys" FOR EACH STATEMENT EXECUTE FUNCTION "codraft_refuse_ledger_change"();
--> statement-breakpoint
CREATE TRIGGER "record_contents_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "record_contents" FOR EACH STATEMENT EXECUTE FUNCTION "codraft_refuse_ledger_change"();
--> statement-breakpoint
CREATE TRIGGER "ledger_entries_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "ledger_entries" FOR EACH STATEMENT EXECUTE FUNCTION "codraft_refuse_ledger_change"();
--> statement-breakpoint
CREATE TRIGGER "ledger_nodes_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "ledger_nodes" FOR EACH STATEMENT EXECUTE FUNCTION "codraft_refuse_ledger_change"();
--> statement-breakpoint
CREATE TRIGGER "ledger_tree_heads_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "ledger_tree_heads" FOR EACH STATEMENT EXECUTE FUNCTION "codraft_refuse_ledger_change"();
--> statement-breakpoint
CREATE TRIGGER "document_versions_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "document_versions" FOR EACH STATEMENT EXECUTE FUNCTION "codraft_refuse_ledger_change"();
