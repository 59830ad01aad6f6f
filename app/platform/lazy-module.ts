import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * A package loaded on its first use instead of at start. The format and password libraries
 * (exceljs, pdfkit, docx, zxcvbn's dictionaries, nodemailer) together hold about 40 MB of heap
 * and 0.4 s of start-up; most processes serve many pages before they need one of them.
 */
export function lazyModule<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
