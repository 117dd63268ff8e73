-- Issue 9: consultation rounds. Hand-written, mirroring server/db/schema/rounds.ts.
CREATE TABLE "rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"request" text NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"presiding_officer_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opened_version_seq" bigint,
	"opened_seq" bigint,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"outcome" text,
	"closed_seq" bigint,
	CONSTRAINT "rounds_state" CHECK ("rounds"."state" in ('open', 'closed')),
	CONSTRAINT "rounds_closed" CHECK (("rounds"."state" = 'closed') = ("rounds"."closed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "round_departments" (
	"round_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"role" text NOT NULL,
	"granted_level" text,
	"previous_level" text,
	CONSTRAINT "round_departments_pkey" PRIMARY KEY("round_id","department_id"),
	CONSTRAINT "round_departments_role" CHECK ("round_departments"."role" in ('lead', 'cooperating'))
);
--> statement-breakpoint
CREATE TABLE "round_users" (
	"round_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"granted_level" text,
	"previous_level" text,
	CONSTRAINT "round_users_pkey" PRIMARY KEY("round_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "round_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"position" text NOT NULL,
	"summary" text NOT NULL,
	"responded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	CONSTRAINT "round_responses_position" CHECK ("round_responses"."position" in ('agree', 'agree_with_comments', 'disagree'))
);
--> statement-breakpoint
CREATE TABLE "round_dispositions" (
	"round_id" uuid NOT NULL,
	"thread_id" uuid NOT NULL,
	"disposition" text NOT NULL,
	"explanation" text DEFAULT '' NOT NULL,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "round_dispositions_pkey" PRIMARY KEY("round_id","thread_id"),
	CONSTRAINT "round_dispositions_disposition" CHECK ("round_dispositions"."disposition" in ('accepted', 'partly_accepted', 'not_accepted')),
	CONSTRAINT "round_dispositions_explained" CHECK ("round_dispositions"."disposition" = 'accepted' or length(trim("round_dispositions"."explanation")) > 0)
);
--> statement-breakpoint
CREATE TABLE "round_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	CONSTRAINT "round_jobs_kind" CHECK ("round_jobs"."kind" in ('remind', 'deadline'))
);
--> statement-breakpoint
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_presiding_officer_id_users_id_fk" FOREIGN KEY ("presiding_officer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "round_departments" ADD CONSTRAINT "round_departments_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "round_departments" ADD CONSTRAINT "round_departments_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "round_users" ADD CONSTRAINT "round_users_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "round_users" ADD CONSTRAINT "round_users_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "round_responses" ADD CONSTRAINT "round_responses_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "round_responses" ADD CONSTRAINT "round_responses_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "round_responses" ADD CONSTRAINT "round_responses_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "round_dispositions" ADD CONSTRAINT "round_dispositions_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "round_dispositions" ADD CONSTRAINT "round_dispositions_thread_id_comment_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."comment_threads"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "round_dispositions" ADD CONSTRAINT "round_dispositions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "round_jobs" ADD CONSTRAINT "round_jobs_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "rounds_one_open_key" ON "rounds" USING btree ("document_id") WHERE "rounds"."state" = 'open';
--> statement-breakpoint
CREATE UNIQUE INDEX "rounds_document_number_key" ON "rounds" USING btree ("document_id","number");
--> statement-breakpoint
CREATE INDEX "rounds_presiding_idx" ON "rounds" USING btree ("presiding_officer_id","created_at");
--> statement-breakpoint
CREATE INDEX "round_departments_department_idx" ON "round_departments" USING btree ("department_id");
--> statement-breakpoint
CREATE INDEX "round_users_user_idx" ON "round_users" USING btree ("user_id");
--> statement-breakpoint
CREATE INDEX "round_responses_round_idx" ON "round_responses" USING btree ("round_id","department_id","created_at");
--> statement-breakpoint
CREATE UNIQUE INDEX "round_jobs_round_kind_key" ON "round_jobs" USING btree ("round_id","kind");
--> statement-breakpoint
CREATE INDEX "round_jobs_due_idx" ON "round_jobs" USING btree ("due_at") WHERE "round_jobs"."done_at" is null;
