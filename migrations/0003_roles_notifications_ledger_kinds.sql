-- Roles: a membership is `member` or `leader` (head or deputy); `is_clerk` is agency-wide.
ALTER TABLE "user_departments" ADD COLUMN "role" text DEFAULT 'member' NOT NULL;
--> statement-breakpoint
ALTER TABLE "user_departments" ADD CONSTRAINT "user_departments_role" CHECK ("user_departments"."role" in ('member', 'leader'));
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "is_clerk" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
-- Notifications, an open set of kinds.
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"document_id" uuid,
	"subject_id" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");
--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("user_id") WHERE "notifications"."read_at" is null;
--> statement-breakpoint
-- Ledger event entries (v2): rounds, issuance, key certificates, handovers, audit anchors. A version
-- entry has content (record_contents) and a document; an event entry has a canonical JSON body.
ALTER TABLE "ledger_entries" ADD COLUMN "kind" text DEFAULT 'version' NOT NULL;
--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "body" text;
--> statement-breakpoint
ALTER TABLE "ledger_entries" ALTER COLUMN "document_id" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "ledger_entries" ALTER COLUMN "content_id" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_kind_shape" CHECK (("ledger_entries"."kind" = 'version') = ("ledger_entries"."content_id" is not null and "ledger_entries"."document_id" is not null and "ledger_entries"."body" is null));
--> statement-breakpoint
CREATE INDEX "ledger_entries_kind_idx" ON "ledger_entries" USING btree ("kind","seq");
