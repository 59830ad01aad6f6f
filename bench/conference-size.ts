/** The benchmark conference's places: the registration rush sends four times as many. */
export const conferenceSeats = 500;
