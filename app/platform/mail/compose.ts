import { escapeHtml } from "../html.ts";

/** A mail's text and HTML bodies: paragraphs, then the link (if any) on its own, then a footer. */
export function composeMail(paragraphs: string[], link: string | null, footer: string) {
  const text = [...paragraphs, ...(link ? [link] : []), footer].join("\n\n");
  const html = [
    ...paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    ...(link ? [`<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`] : []),
    `<p>${escapeHtml(footer)}</p>`,
  ].join("\n");
  return { text, html };
}
