// Rules of side meetings: pure functions, no I/O. A network reserves a room of an event for a
// time range, publishes slots in it, and its members invite guests to the slots.

export const reservationStatuses = ["requested", "accepted", "declined", "cancelled"] as const;
export type ReservationStatus = (typeof reservationStatuses)[number];
/** A requested reservation already holds the room (first come, first served). */
export const roomHoldingStatuses: readonly ReservationStatus[] = ["requested", "accepted"];

export const bookingStatuses = ["invited", "accepted", "declined", "cancelled"] as const;
export type BookingStatus = (typeof bookingStatuses)[number];
/** An invited or accepted booking takes its slot; a declined or cancelled one frees it. */
export const liveBookingStatuses: readonly BookingStatus[] = ["invited", "accepted"];

export const guestKinds = ["agency", "supplier", "speaker", "other"] as const;
export type GuestKind = (typeof guestKinds)[number];

export const guestLanguages = ["sv", "nb", "en"] as const;
export type GuestLanguage = (typeof guestLanguages)[number];

export type Interval = { startsAt: Date; endsAt: Date };

/** Half-open intervals [start, end) overlap: a slot ending at 10:00 and one starting then do not. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/** Whether `inner` lies within `outer` (ends included). */
export function within(inner: Interval, outer: Interval): boolean {
  return (
    inner.startsAt.getTime() >= outer.startsAt.getTime() &&
    inner.endsAt.getTime() <= outer.endsAt.getTime()
  );
}

/** The first of `others` that overlaps `candidate`, if any. */
export function firstOverlap<T extends Interval>(
  candidate: Interval,
  others: readonly T[],
): T | undefined {
  return others.find((other) => overlaps(candidate, other));
}

/** Whether a local date lies within the event's days (inclusive). */
export function isEventDay(date: string, event: { startDate: string; endDate: string }): boolean {
  return date >= event.startDate && date <= event.endDate;
}

/**
 * Cuts [start, end) into consecutive slots of `minutes` (and a break of `gapMinutes` between
 * them); a remainder too short for a slot is left out. Without minutes, one slot.
 */
export function splitIntoSlots(
  range: Interval,
  minutes?: number | null,
  gapMinutes = 0,
): Interval[] {
  if (range.endsAt <= range.startsAt) return [];
  if (!minutes || minutes <= 0) return [{ startsAt: range.startsAt, endsAt: range.endsAt }];
  const length = minutes * 60_000;
  const step = length + Math.max(0, gapMinutes) * 60_000;
  const slots: Interval[] = [];
  for (
    let start = range.startsAt.getTime();
    start + length <= range.endsAt.getTime() && slots.length < 200;
    start += step
  ) {
    slots.push({ startsAt: new Date(start), endsAt: new Date(start + length) });
  }
  return slots;
}

/** What a guest may answer in a booking's state, before the slot has started. */
export function guestMayAnswer(
  status: BookingStatus,
  answer: "accept" | "decline",
  slotStartsAt: Date,
  now: Date,
): boolean {
  if (slotStartsAt.getTime() <= now.getTime()) return false;
  if (answer === "accept") return status === "invited";
  // An accepted guest may still say they cannot come; a declined booking is final.
  return status === "invited" || status === "accepted";
}

/** The place of the network's meeting in the room: "Room, Venue, Address" without blanks. */
export function meetingPlace(room: string, venue: string, address: string): string {
  return [room, venue, address]
    .map((part) => part.trim())
    .filter(Boolean)
    .join(", ");
}
