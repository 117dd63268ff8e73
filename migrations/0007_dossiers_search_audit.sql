-- Issue 11: audit trail (append-only, hash-chained), scheduled jobs.
CREATE TABLE "audit_events" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid,
	"object_type" text,
	"object_id" text,
	"outcome" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ip" text,
	"user_agent" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_events_outcome_check" CHECK ("audit_events"."outcome" in ('success', 'failure', 'denied'))
);
--> statement-breakpoint
CREATE INDEX "audit_events_occurred_idx" ON "audit_events" USING btree ("occurred_at");
--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("actor_id","seq");
--> statement-breakpoint
CREATE INDEX "audit_events_object_idx" ON "audit_events" USING btree ("object_type","object_id","seq");
--> statement-breakpoint
CREATE INDEX "audit_events_action_idx" ON "audit_events" USING btree ("action","seq");
--> statement-breakpoint
-- The audit trail is append-only whoever connects; a superuser can disable triggers, and
-- `codraft verify` then detects the change through the hash chain and its ledger anchors.
CREATE FUNCTION "codraft_refuse_audit_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'codraft: % on "%" is refused: the audit trail is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_events" FOR EACH STATEMENT EXECUTE FUNCTION "codraft_refuse_audit_change"();
--> statement-breakpoint
CREATE TABLE "scheduled_jobs" (
	"name" text PRIMARY KEY NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"last_run_at" timestamp with time zone
);
--> statement-breakpoint
-- Search: diacritic-insensitive (unaccent) and typo-tolerant (pg_trgm). PGlite loads both as
-- extensions (server/db/client.ts); a Postgres server ships them as contrib modules.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- unaccent() is only STABLE (its dictionary could change); pinning the dictionary makes this
-- wrapper safe to declare IMMUTABLE, so generated columns and indexes may use it.
CREATE FUNCTION "codraft_unaccent"(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT unaccent('unaccent'::regdictionary, $1) $$;
--> statement-breakpoint
CREATE TABLE "search_entries" (
	"type" text NOT NULL,
	"object_id" text NOT NULL,
	"document_id" uuid,
	"dossier_id" uuid,
	"department_id" uuid,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"norm" text GENERATED ALWAYS AS (lower(codraft_unaccent(title || ' ' || body))) STORED,
	"norm_title" text GENERATED ALWAYS AS (lower(codraft_unaccent(title))) STORED,
	"occurred_at" timestamp with time zone NOT NULL,
	"source_at" timestamp with time zone NOT NULL,
	CONSTRAINT "search_entries_pkey" PRIMARY KEY("type","object_id")
);
--> statement-breakpoint
CREATE INDEX "search_entries_norm_trgm_idx" ON "search_entries" USING gin ("norm" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "search_entries_norm_title_trgm_idx" ON "search_entries" USING gin ("norm_title" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "search_entries_document_idx" ON "search_entries" USING btree ("document_id");
--> statement-breakpoint
CREATE INDEX "search_entries_dossier_idx" ON "search_entries" USING btree ("dossier_id");
--> statement-breakpoint
CREATE TABLE "dossiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"department_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"notation" text NOT NULL,
	"file_code" text NOT NULL,
	"title" text NOT NULL,
	"retention" text NOT NULL,
	"rights" text,
	"creator_id" uuid NOT NULL,
	"language" text DEFAULT 'vi' NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"doc_total" integer,
	"page_total" integer,
	"description" text,
	"state" text DEFAULT 'open' NOT NULL,
	"plan_item_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"handed_over_at" timestamp with time zone,
	"handover_seq" bigint,
	CONSTRAINT "dossiers_state_check" CHECK ("dossiers"."state" in ('open', 'closed', 'handed_over')),
	CONSTRAINT "dossiers_retention_check" CHECK ("dossiers"."retention" ~ '^(permanent|[1-9][0-9]{0,2})$')
);
--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_creator_id_users_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "dossiers_file_code_key" ON "dossiers" USING btree ("file_code");
--> statement-breakpoint
CREATE INDEX "dossiers_department_year_idx" ON "dossiers" USING btree ("department_id","year");
--> statement-breakpoint
CREATE TABLE "dossier_records" (
	"dossier_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"filed_by" uuid,
	"filed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossier_records_pkey" PRIMARY KEY("dossier_id","seq")
);
--> statement-breakpoint
ALTER TABLE "dossier_records" ADD CONSTRAINT "dossier_records_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "dossier_records" ADD CONSTRAINT "dossier_records_seq_ledger_entries_seq_fk" FOREIGN KEY ("seq") REFERENCES "public"."ledger_entries"("seq") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "dossier_records" ADD CONSTRAINT "dossier_records_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "dossier_records_seq_idx" ON "dossier_records" USING btree ("seq");
--> statement-breakpoint
CREATE TABLE "dossier_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"department_id" uuid,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossier_grants_one_subject" CHECK (("dossier_grants"."department_id" is null) <> ("dossier_grants"."user_id" is null))
);
--> statement-breakpoint
ALTER TABLE "dossier_grants" ADD CONSTRAINT "dossier_grants_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "dossier_grants" ADD CONSTRAINT "dossier_grants_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "dossier_grants" ADD CONSTRAINT "dossier_grants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "dossier_grants_dossier_idx" ON "dossier_grants" USING btree ("dossier_id");
--> statement-breakpoint
CREATE INDEX "dossier_grants_department_idx" ON "dossier_grants" USING btree ("department_id");
--> statement-breakpoint
CREATE TABLE "dossier_plan_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"department_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"notation" text NOT NULL,
	"title" text NOT NULL,
	"retention" text NOT NULL,
	"description" text,
	"position" integer NOT NULL,
	CONSTRAINT "dossier_plan_items_retention_check" CHECK ("dossier_plan_items"."retention" ~ '^(permanent|[1-9][0-9]{0,2})$')
);
--> statement-breakpoint
ALTER TABLE "dossier_plan_items" ADD CONSTRAINT "dossier_plan_items_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "dossier_plan_items_key" ON "dossier_plan_items" USING btree ("department_id","year","notation");
--> statement-breakpoint
CREATE TABLE "document_dossiers" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "document_dossiers" ADD CONSTRAINT "document_dossiers_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "document_dossiers" ADD CONSTRAINT "document_dossiers_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE TABLE "department_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"department_id" uuid NOT NULL,
	"event" text NOT NULL,
	"other_department_id" uuid NOT NULL,
	"moved" jsonb NOT NULL,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "department_history" ADD CONSTRAINT "department_history_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "department_history" ADD CONSTRAINT "department_history_other_department_id_departments_id_fk" FOREIGN KEY ("other_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "department_history" ADD CONSTRAINT "department_history_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "department_history_department_idx" ON "department_history" USING btree ("department_id","created_at");
