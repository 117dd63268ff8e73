-- Several instances (issue 12): the agency's private signing keys, encrypted with SIGNING_KEY_SECRET,
-- so every instance signs with the same key. Append-only like the rest of the ledger's tables.
CREATE TABLE "signing_key_secrets" (
	"kid" text PRIMARY KEY NOT NULL,
	"iv" text NOT NULL,
	"ciphertext" text NOT NULL,
	"tag" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "signing_key_secrets" ADD CONSTRAINT "signing_key_secrets_kid_signing_keys_kid_fk" FOREIGN KEY ("kid") REFERENCES "public"."signing_keys"("kid") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE TRIGGER "signing_key_secrets_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "signing_key_secrets" FOR EACH STATEMENT EXECUTE FUNCTION "codraft_refuse_ledger_change"();
