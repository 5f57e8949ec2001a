CREATE TABLE "segment_size_history" (
	"segment_id" integer NOT NULL,
	"week_start" date NOT NULL,
	"member_count" integer NOT NULL,
	CONSTRAINT "segment_size_history_segment_id_week_start_pk" PRIMARY KEY("segment_id","week_start")
);
--> statement-breakpoint
CREATE TABLE "segment_snapshot_members" (
	"snapshot_id" integer NOT NULL,
	"customer_id" integer NOT NULL,
	CONSTRAINT "segment_snapshot_members_snapshot_id_customer_id_pk" PRIMARY KEY("snapshot_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "segment_snapshots" (
	"id" serial PRIMARY KEY NOT NULL,
	"segment_id" integer NOT NULL,
	"segment_version" integer NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"member_count" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "segment_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"segment_id" integer NOT NULL,
	"version" integer NOT NULL,
	"rules" jsonb NOT NULL,
	"member_count" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_features" (
	"customer_id" integer PRIMARY KEY NOT NULL,
	"home_store_id" integer,
	"first_order_at" timestamp with time zone,
	"last_order_at" timestamp with time zone,
	"first_order_month" date,
	"first_order_week" date,
	"orders_count" integer DEFAULT 0 NOT NULL,
	"revenue" bigint DEFAULT 0 NOT NULL,
	"first_order_revenue" bigint DEFAULT 0 NOT NULL,
	"month_orders" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"month_revenue" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"week_orders" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"order_days" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"recency_score" smallint,
	"frequency_score" smallint,
	"monetary_score" smallint,
	"rfm_group" text,
	"scored_at" timestamp with time zone,
	"probability_active" double precision,
	"expected_purchases_12m" double precision,
	"expected_revenue_12m" double precision,
	"predicted_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "segment_size_history" ADD CONSTRAINT "segment_size_history_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_snapshot_members" ADD CONSTRAINT "segment_snapshot_members_snapshot_id_segment_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."segment_snapshots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_snapshot_members" ADD CONSTRAINT "segment_snapshot_members_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_snapshots" ADD CONSTRAINT "segment_snapshots_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_snapshots" ADD CONSTRAINT "segment_snapshots_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_versions" ADD CONSTRAINT "segment_versions_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_versions" ADD CONSTRAINT "segment_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_features" ADD CONSTRAINT "customer_features_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_features" ADD CONSTRAINT "customer_features_home_store_id_stores_id_fk" FOREIGN KEY ("home_store_id") REFERENCES "public"."stores"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "segment_versions_segment_version_uq" ON "segment_versions" USING btree ("segment_id","version");--> statement-breakpoint
CREATE INDEX "customer_features_first_month_idx" ON "customer_features" USING btree ("first_order_month");--> statement-breakpoint
CREATE INDEX "customer_features_home_store_idx" ON "customer_features" USING btree ("home_store_id");--> statement-breakpoint
CREATE INDEX "customer_features_rfm_group_idx" ON "customer_features" USING btree ("rfm_group");--> statement-breakpoint
CREATE INDEX "customer_features_last_order_idx" ON "customer_features" USING btree ("last_order_at");