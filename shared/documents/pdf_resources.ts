/**
 * Where PDF.js finds its binary resources (packed CMaps, standard font data) and how it reads
 * them. PDFs whose CJK fonts use predefined CMaps (`UniCNS-UCS2-H`, Adobe-CNS1, no embedded
 * font: common in Taiwanese office output) yield no text without the CMap files, and the
 * serverless PDF.js inside unpdf ships none. The `pdfjs-dist` package does, under `cmaps/`.
 */

/** The resource folders handed to PDF.js, as URLs ending in `/` (null: not available). */
export interface PdfResourceUrls {
  cMapUrl: string | null;
  standardFontDataUrl: string | null;
}

// Resource file names PDF.js asks for: CMap names (`UniCNS-UCS2-H.bcmap`) and font files.
// Anything else (a path, `..`) is refused even though PDF.js validates CMap names itself.
const SAFE_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * The default resource folders: `pdfjs-dist`'s `cmaps/` and `standard_fonts/` as resolved by
 * the import map (a `file:` URL when npm packages live in node_modules). Returns nulls when
 * the package resolves to no readable location, in which case only CMap-free PDFs read fully.
 */
export function defaultPdfResourceUrls(): PdfResourceUrls {
  try {
    const base = import.meta.resolve("pdfjs-dist/package.json");
    if (!/^(file|https?):/.test(base)) return { cMapUrl: null, standardFontDataUrl: null };
    return {
      cMapUrl: new URL("./cmaps/", base).href,
      standardFontDataUrl: new URL("./standard_fonts/", base).href,
    };
  } catch {
    return { cMapUrl: null, standardFontDataUrl: null };
  }
}

/**
 * A PDF.js `BinaryDataFactory`: PDF.js constructs it with the resource URLs and calls
 * `fetch({ kind, filename })` for each CMap or font file it needs. Reads `file:` URLs with
 * `Deno.readFile` (PDF.js's own Node reader takes paths, not URLs, and `fetch` of `file:` is
 * not available on every edge runtime) and anything else with `fetch`.
 */
export class PdfResourceReader {
  readonly #urls: PdfResourceUrls;

  /** Keeps the URLs PDF.js passes in (`cMapUrl`, `standardFontDataUrl`). */
  constructor(urls: Partial<PdfResourceUrls>) {
    this.#urls = {
      cMapUrl: urls.cMapUrl ?? null,
      standardFontDataUrl: urls.standardFontDataUrl ?? null,
    };
  }

  /** Returns the bytes of one resource file; rejects unknown kinds and unsafe names. */
  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const base = kind === "cMapUrl" || kind === "standardFontDataUrl" ? this.#urls[kind] : null;
    if (base === null) throw new Error(`No ${kind} configured`);
    if (!SAFE_NAME_RE.test(filename)) throw new Error("Unsafe resource name");
    const url = new URL(filename, base);
    if (url.protocol === "file:") return await Deno.readFile(url);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`Resource ${filename}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
}
