CREATE TABLE "store_kpi_months" (
	"store_id" integer NOT NULL,
	"month" date NOT NULL,
	"timezone" text NOT NULL,
	"revenue" bigint NOT NULL,
	"orders" integer NOT NULL,
	"active_customers" integer NOT NULL,
	"repeaters" integer NOT NULL,
	"clv_revenue" bigint NOT NULL,
	"program_members" integer NOT NULL,
	"points_issued" bigint NOT NULL,
	"points_redeemed" bigint NOT NULL,
	"new_first_orders" timestamp with time zone[] NOT NULL,
	"retained_first_orders" timestamp with time zone[] NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "store_kpi_months_store_id_month_pk" PRIMARY KEY("store_id","month")
);
--> statement-breakpoint
ALTER TABLE "store_kpi_months" ADD CONSTRAINT "store_kpi_months_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_effective_idx" ON "ledger_entries" USING btree ("effective_at");--> statement-breakpoint
CREATE INDEX "customer_features_home_last_order_idx" ON "customer_features" USING btree ("home_store_id","last_order_at");