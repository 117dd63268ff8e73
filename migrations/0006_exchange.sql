-- Issue 13: agency settings (one row) that fill the administrative document header.
CREATE TABLE "agency_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"abbreviation" text DEFAULT '' NOT NULL,
	"code" text DEFAULT '' NOT NULL,
	"superior_body" text DEFAULT '' NOT NULL,
	"place_name" text DEFAULT '' NOT NULL,
	"signer_titles" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "agency_settings_single_row" CHECK ("agency_settings"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "agency_settings" ADD CONSTRAINT "agency_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
