CREATE TABLE "whatsapp_channels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"phone_number_id" text NOT NULL,
	"display_phone" text NOT NULL,
	"verify_token" text NOT NULL,
	"app_secret" text NOT NULL,
	"access_token" text,
	"api_base_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "whatsapp_channels_phone_number_id_unique" UNIQUE("phone_number_id"),
	CONSTRAINT "whatsapp_channels_account_key" UNIQUE("account_id"),
	CONSTRAINT "whatsapp_channels_phone_number_id_check" CHECK ("whatsapp_channels"."phone_number_id" ~ '^[0-9]{5,30}$'),
	CONSTRAINT "whatsapp_channels_verify_token_check" CHECK (length("whatsapp_channels"."verify_token") >= 8),
	CONSTRAINT "whatsapp_channels_app_secret_check" CHECK (length("whatsapp_channels"."app_secret") >= 8)
);
--> statement-breakpoint
CREATE TABLE "automation_jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"automation_id" uuid NOT NULL,
	"action_index" integer NOT NULL,
	"event" text NOT NULL,
	"conversation_id" uuid NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"available_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "automation_jobs_status_check" CHECK ("automation_jobs"."status" in ('pending', 'done', 'failed')),
	CONSTRAINT "automation_jobs_attempts_check" CHECK ("automation_jobs"."attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "automations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"trigger" text NOT NULL,
	"actions" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"signing_secret" text NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "automations_account_id_id_key" UNIQUE("account_id","id"),
	CONSTRAINT "automations_trigger_check" CHECK ("automations"."trigger" in ('conversation.opened_by_whatsapp', 'conversation.assigned', 'conversation.closed')),
	CONSTRAINT "automations_name_check" CHECK (length(trim("automations"."name")) between 1 and 120),
	CONSTRAINT "automations_actions_check" CHECK (jsonb_typeof("automations"."actions") = 'array' and jsonb_array_length("automations"."actions") between 1 and 10)
);
--> statement-breakpoint
ALTER TABLE "whatsapp_channels" ADD CONSTRAINT "whatsapp_channels_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_jobs" ADD CONSTRAINT "automation_jobs_automation_fk" FOREIGN KEY ("account_id","automation_id") REFERENCES "public"."automations"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automations" ADD CONSTRAINT "automations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automations" ADD CONSTRAINT "automations_created_by_fk" FOREIGN KEY ("account_id","created_by_id") REFERENCES "public"."users"("account_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "automation_jobs_due_idx" ON "automation_jobs" USING btree ("available_at","id") WHERE "automation_jobs"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "automation_jobs_account_idx" ON "automation_jobs" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "automations_trigger_idx" ON "automations" USING btree ("account_id","trigger") WHERE "automations"."active";