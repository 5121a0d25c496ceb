CREATE TABLE "round_robin_counters" (
	"account_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"dealt" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "round_robin_counters_account_id_user_id_pk" PRIMARY KEY("account_id","user_id"),
	CONSTRAINT "round_robin_counters_dealt_check" CHECK ("round_robin_counters"."dealt" >= 0)
);
--> statement-breakpoint
ALTER TABLE "round_robin_counters" ADD CONSTRAINT "round_robin_counters_user_fk" FOREIGN KEY ("account_id","user_id") REFERENCES "public"."users"("account_id","id") ON DELETE cascade ON UPDATE no action;