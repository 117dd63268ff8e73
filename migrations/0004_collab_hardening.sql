-- Issue 7: collaboration hardening. Mirrors server/db/schema/collab.ts.
CREATE TABLE "document_update_quarantine" (
	"id" bigint PRIMARY KEY NOT NULL,
	"document_id" uuid NOT NULL,
	"update" "bytea" NOT NULL,
	"reason" text NOT NULL,
	"quarantined_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "document_update_quarantine" ADD CONSTRAINT "document_update_quarantine_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "document_update_quarantine_document_idx" ON "document_update_quarantine" USING btree ("document_id");
