import fs from "node:fs";
import { createRequire } from "node:module";
import type PDFKit from "pdfkit";
import { lazyModule } from "./lazy-module.ts";

const require = createRequire(import.meta.url);
const pdfkit = lazyModule<typeof PDFKit>("pdfkit");

/**
 * Names of the embedded fonts. Noto Sans, because PDF's built-in Helvetica knows only WinAnsi:
 * it has å, ä, ö, æ and ø, but not the Sámi letters (č, đ, ŋ, ŧ, ž) of Nordic names, nor ł.
 */
export const pdfFont = { regular: "Text", bold: "Text-Bold" } as const;

const fontFiles = {
  [pdfFont.regular]: "@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf",
  [pdfFont.bold]: "@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf",
};

type FontkitModule = { create(data: Uint8Array): object };
const fontkit = lazyModule<FontkitModule>("fontkit");

/**
 * The fonts parsed once per process and shared by every document: pdfkit takes a parsed fontkit
 * font as well as a file, and parsing Noto Sans for each document made a PDF ten times slower.
 */
let parsedFonts: [string, object][] | undefined;
function fonts(): [string, object][] {
  parsedFonts ??= Object.entries(fontFiles).map(([name, file]) => [
    name,
    fontkit().create(fs.readFileSync(require.resolve(file))),
  ]);
  return parsedFonts;
}

/**
 * A new PDF document with the embedded fonts registered and the regular one selected, and the
 * finished file once `pdf.end()` has been called.
 */
export function createPdf(options: PDFKit.PDFDocumentOptions): {
  pdf: PDFKit.PDFDocument;
  finished: Promise<Buffer>;
} {
  const PDFDocument = pdfkit();
  const pdf = new PDFDocument(options);
  for (const [name, font] of fonts()) pdf.registerFont(name, font as PDFKit.Mixins.PDFFontSource);
  pdf.font(pdfFont.regular);
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
  return { pdf, finished };
}
