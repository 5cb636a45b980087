/**
 * PDF.js as the PDF reader uses it: unpdf's build for serverless runtimes, with this project's
 * patches (`vendor/pdfjs/PATCHED.md`: a font's maps for a named CJK CMap are built once per
 * isolate instead of once per document). Loaded on first use, since evaluating it costs more
 * than most requests.
 *
 * @module
 */

/** The PDF.js API (`getDocument`, `PDFWorker`, …), typed by unpdf's declarations. */
export type Pdfjs = typeof import("unpdf/pdfjs");

/** What the patches keep per isolate, for tests and diagnostics. */
export interface PdfjsPatchState {
  /** Unicode maps of fonts encoded by a named CMap, by `<CMap>|<registry>-<ordering>`. */
  toUnicode: Map<string, unknown>;
  /** The matching character maps of fonts that are not embedded. */
  fontChars: Map<string, unknown>;
  /** How many times a map was reused instead of built. */
  hits: number;
}

type PatchedPdfjs = Pdfjs & { onboardingPatch: PdfjsPatchState };

let loading: Promise<PatchedPdfjs> | undefined;

/** The patched PDF.js, evaluated once per isolate (a failed load is tried again next time). */
export function loadPdfjs(): Promise<PatchedPdfjs> {
  loading ??= import("../../vendor/pdfjs/pdfjs.mjs").then(
    (module) => module as unknown as PatchedPdfjs,
    (error) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
