-- Issue 10: sign-off and issuance. Mirrors server/db/schema/signatures.ts.
CREATE TABLE "signing_device_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"device_name" text NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"kid" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"certificate" jsonb,
	"certificate_seq" bigint,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"revoked_by" uuid,
	"revoked_at" timestamp with time zone,
	"revocation_seq" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "signing_device_keys_state" CHECK ("signing_device_keys"."state" in ('pending', 'active', 'revoked'))
);
--> statement-breakpoint
ALTER TABLE "signing_device_keys" ADD CONSTRAINT "signing_device_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "signing_device_keys" ADD CONSTRAINT "signing_device_keys_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "signing_device_keys" ADD CONSTRAINT "signing_device_keys_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "signing_device_keys_kid_key" ON "signing_device_keys" USING btree ("kid");
--> statement-breakpoint
CREATE INDEX "signing_device_keys_user_idx" ON "signing_device_keys" USING btree ("user_id");
--> statement-breakpoint
CREATE TABLE "document_types" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"is_letter" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
INSERT INTO "document_types" ("code", "name", "is_letter") VALUES
	('QĐ', 'Quyết định', false), ('TB', 'Thông báo', false), ('KH', 'Kế hoạch', false),
	('BC', 'Báo cáo', false), ('TTr', 'Tờ trình', false), ('CV', 'Công văn', true);
--> statement-breakpoint
CREATE TABLE "registers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"series" text NOT NULL,
	"resets_yearly" boolean DEFAULT true NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "registers_series_key" ON "registers" USING btree ("series");
--> statement-breakpoint
CREATE UNIQUE INDEX "registers_default_key" ON "registers" USING btree ("is_default") WHERE "registers"."is_default";
--> statement-breakpoint
INSERT INTO "registers" ("name", "series", "resets_yearly", "is_default") VALUES ('Sổ văn bản đi', 'general', true, true);
--> statement-breakpoint
CREATE TABLE "register_counters" (
	"register_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "register_counters_pkey" PRIMARY KEY("register_id","year")
);
--> statement-breakpoint
ALTER TABLE "register_counters" ADD CONSTRAINT "register_counters_register_id_registers_id_fk" FOREIGN KEY ("register_id") REFERENCES "public"."registers"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE TABLE "submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"version_entry_sha256" text NOT NULL,
	"document_type" text NOT NULL,
	"note" text,
	"state" text DEFAULT 'pending' NOT NULL,
	"submitted_by" uuid NOT NULL,
	"previous_id" uuid,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "submissions_state" CHECK ("submissions"."state" in ('pending', 'signed', 'returned', 'withdrawn', 'issued'))
);
--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_version_id_document_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."document_versions"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_document_type_document_types_code_fk" FOREIGN KEY ("document_type") REFERENCES "public"."document_types"("code") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "submissions_document_idx" ON "submissions" USING btree ("document_id","created_at");
--> statement-breakpoint
CREATE INDEX "submissions_state_idx" ON "submissions" USING btree ("state");
--> statement-breakpoint
CREATE UNIQUE INDEX "submissions_pending_key" ON "submissions" USING btree ("document_id") WHERE "submissions"."state" = 'pending';
--> statement-breakpoint
CREATE TABLE "submission_steps" (
	"submission_id" uuid NOT NULL,
	"step_index" integer NOT NULL,
	"kind" text NOT NULL,
	"signer_id" uuid NOT NULL,
	"state" text DEFAULT 'waiting' NOT NULL,
	"turn_started_at" timestamp with time zone,
	"acted_at" timestamp with time zone,
	"key_id" uuid,
	"payload" jsonb,
	"jws" text,
	"return_reason" text,
	"reminded_at" timestamp with time zone,
	CONSTRAINT "submission_steps_pkey" PRIMARY KEY("submission_id","step_index"),
	CONSTRAINT "submission_steps_kind" CHECK ("submission_steps"."kind" in ('initial', 'sign')),
	CONSTRAINT "submission_steps_state" CHECK ("submission_steps"."state" in ('waiting', 'current', 'signed', 'returned', 'cancelled'))
);
--> statement-breakpoint
ALTER TABLE "submission_steps" ADD CONSTRAINT "submission_steps_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "submission_steps" ADD CONSTRAINT "submission_steps_signer_id_users_id_fk" FOREIGN KEY ("signer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "submission_steps" ADD CONSTRAINT "submission_steps_key_id_signing_device_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."signing_device_keys"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "submission_steps_signer_idx" ON "submission_steps" USING btree ("signer_id","state");
--> statement-breakpoint
CREATE TABLE "issued_documents" (
	"submission_id" uuid PRIMARY KEY NOT NULL,
	"document_id" uuid NOT NULL,
	"register_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"number" integer NOT NULL,
	"symbol" text NOT NULL,
	"issue_date" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by" uuid NOT NULL,
	"seq" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "issued_documents" ADD CONSTRAINT "issued_documents_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "issued_documents" ADD CONSTRAINT "issued_documents_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "issued_documents" ADD CONSTRAINT "issued_documents_register_id_registers_id_fk" FOREIGN KEY ("register_id") REFERENCES "public"."registers"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "issued_documents" ADD CONSTRAINT "issued_documents_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "issued_documents_number_key" ON "issued_documents" USING btree ("register_id","year","number");
--> statement-breakpoint
CREATE INDEX "issued_documents_document_idx" ON "issued_documents" USING btree ("document_id");
