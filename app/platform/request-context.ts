import { createContext } from "react-router";
import type { Locale } from "../i18n/locales.ts";
import type { Actor } from "./actor.ts";

/** Set by the HTTP server for every request: the nonce of this response's CSP. */
export const nonceContext = createContext<string>("");

/** Set by the HTTP server for every request: the client's address (for rate limits). */
export const clientAddressContext = createContext<string>("unknown");

export type RequestState = {
  locale: Locale;
  actor: Actor | null;
  /** The CSRF token that forms of this response carry in their hidden `_csrf` field. */
  csrfToken: string;
};

/** Set by the root middleware: who asks, in what language. */
export const requestStateContext = createContext<RequestState>();
