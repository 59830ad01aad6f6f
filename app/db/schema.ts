// The one schema: every domain's tables, gathered for Drizzle and drizzle-kit.
// Schema files import each other by relative path (drizzle-kit does not read the "~" alias).
export * from "../platform/audit/schema.ts";
export * from "../platform/jobs/schema.ts";
export * from "../modules/directory/schema.ts";
export * from "../modules/identity/schema.ts";
export * from "../modules/networks/schema.ts";
export * from "../modules/meetings/schema.ts";
export * from "../modules/events/schema.ts";
export * from "../modules/events/tickets-schema.ts";
export * from "../modules/events/bookings-schema.ts";
export * from "../modules/events/budget-schema.ts";
export * from "../modules/events/registrations-schema.ts";
