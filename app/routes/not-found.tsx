import { data } from "react-router";

/**
 * Catch-all for addresses no other route matches: answering 404 from a route (rather than
 * from no match at all) lets the root loader run, so the error page keeps the user's language
 * and login state.
 */
export async function loader() {
  throw data(null, { status: 404 });
}

export async function action() {
  throw data(null, { status: 404 });
}

export default function NotFound() {
  return null;
}
