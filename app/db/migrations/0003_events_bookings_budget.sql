CREATE TABLE "event_booking_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reservation_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_booking_slots_times" CHECK ("event_booking_slots"."ends_at" > "event_booking_slots"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "event_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slot_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"guest_name" text NOT NULL,
	"guest_email" text NOT NULL,
	"guest_organization" text DEFAULT '' NOT NULL,
	"guest_kind" text NOT NULL,
	"language" text DEFAULT 'sv' NOT NULL,
	"token_hash" text NOT NULL,
	"status" text DEFAULT 'invited' NOT NULL,
	"response" text DEFAULT '' NOT NULL,
	"responded_at" timestamp with time zone,
	"invited_by_person_id" uuid,
	"invited_by_user_id" uuid,
	"invited_by_label" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_reservation_meetings" (
	"meeting_id" uuid PRIMARY KEY NOT NULL,
	"reservation_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_room_reservations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"requested_by_user_id" uuid,
	"requested_by_label" text DEFAULT '' NOT NULL,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_room_reservations_times" CHECK ("event_room_reservations"."ends_at" > "event_room_reservations"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "event_budget_attendance" (
	"event_id" uuid NOT NULL,
	"ticket_type_id" uuid NOT NULL,
	"expected" integer NOT NULL,
	CONSTRAINT "event_budget_attendance_event_id_ticket_type_id_pk" PRIMARY KEY("event_id","ticket_type_id"),
	CONSTRAINT "event_budget_attendance_expected" CHECK ("event_budget_attendance"."expected" >= 0)
);
--> statement-breakpoint
CREATE TABLE "event_budget_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"basis" text DEFAULT 'fixed' NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"amount" bigint NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "event_budget_lines_amount" CHECK ("event_budget_lines"."amount" >= 0),
	CONSTRAINT "event_budget_lines_income_fixed" CHECK ("event_budget_lines"."kind" = 'cost' OR "event_budget_lines"."basis" = 'fixed')
);
--> statement-breakpoint
CREATE TABLE "event_budgets" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"ordinary_ticket_type_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "event_booking_slots" ADD CONSTRAINT "event_booking_slots_reservation_id_event_room_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."event_room_reservations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_bookings" ADD CONSTRAINT "event_bookings_slot_id_event_booking_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."event_booking_slots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_bookings" ADD CONSTRAINT "event_bookings_invited_by_person_id_people_id_fk" FOREIGN KEY ("invited_by_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_reservation_meetings" ADD CONSTRAINT "event_reservation_meetings_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_reservation_meetings" ADD CONSTRAINT "event_reservation_meetings_reservation_id_event_room_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."event_room_reservations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_room_reservations" ADD CONSTRAINT "event_room_reservations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_room_reservations" ADD CONSTRAINT "event_room_reservations_room_id_event_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."event_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_room_reservations" ADD CONSTRAINT "event_room_reservations_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_budget_attendance" ADD CONSTRAINT "event_budget_attendance_event_id_event_budgets_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."event_budgets"("event_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_budget_attendance" ADD CONSTRAINT "event_budget_attendance_ticket_type_id_ticket_types_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "public"."ticket_types"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_budget_lines" ADD CONSTRAINT "event_budget_lines_event_id_event_budgets_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."event_budgets"("event_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_budgets" ADD CONSTRAINT "event_budgets_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_budgets" ADD CONSTRAINT "event_budgets_ordinary_ticket_type_id_ticket_types_id_fk" FOREIGN KEY ("ordinary_ticket_type_id") REFERENCES "public"."ticket_types"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_booking_slots_reservation_idx" ON "event_booking_slots" USING btree ("reservation_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "event_bookings_token_key" ON "event_bookings" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "event_bookings_live_slot_key" ON "event_bookings" USING btree ("slot_id") WHERE "event_bookings"."status" IN ('invited', 'accepted');--> statement-breakpoint
CREATE INDEX "event_reservation_meetings_reservation_idx" ON "event_reservation_meetings" USING btree ("reservation_id");--> statement-breakpoint
CREATE INDEX "event_room_reservations_room_idx" ON "event_room_reservations" USING btree ("room_id","starts_at");--> statement-breakpoint
CREATE INDEX "event_room_reservations_event_idx" ON "event_room_reservations" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "event_room_reservations_network_idx" ON "event_room_reservations" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "event_budget_lines_event_idx" ON "event_budget_lines" USING btree ("event_id","position");