/**
 * Where PDF.js finds its binary resources (packed CMaps, standard font data) and how it reads
 * them. PDFs whose CJK fonts use predefined CMaps (`UniCNS-UCS2-H`, Adobe-CNS1, no embedded
 * font: common in Taiwanese office output) yield no text without the CMap files, and the
 * serverless PDF.js inside unpdf ships none. The `pdfjs-dist` package does, under `cmaps/`;
 * for deployment they are copied next to the chatbot function (VENDORED_PDF_ASSETS_URL).
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
 * Where scripts/vendor_pdf_assets.ts copies `pdfjs-dist`'s
 * `cmaps/` and `standard_fonts/`: the chatbot function's `pdf-assets/` folder, which
 * `supabase/config.toml` ships as `static_files`. A deployed function has no node_modules to
 * read them from; it reads this folder (relative to this module, as the bundle keeps paths).
 */
export const VENDORED_PDF_ASSETS_URL = new URL(
  "../../functions/chatbot/pdf-assets/",
  import.meta.url,
);

/** The file the vendoring script writes last, once every resource is in place. */
export const PDF_ASSETS_MANIFEST = "manifest.json";

/** What PDF_ASSETS_MANIFEST records. */
export interface PdfAssetsManifest {
  /** The `pdfjs-dist` version the files were copied from. */
  pdfjsDist: string;
  /** Number of files copied into `cmaps/` and `standard_fonts/`. */
  cmaps: number;
  standardFonts: number;
}

/**
 * The resource folders `pdfjs-dist`'s `cmaps/` and `standard_fonts/` as resolved by the import
 * map (a `file:` URL when npm packages live in node_modules). Returns nulls when the package
 * resolves to no readable location, in which case only CMap-free PDFs read fully.
 */
export function packagePdfResourceUrls(): PdfResourceUrls {
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
 * The resource folders to use: the vendored copy under `vendoredBase` (default
 * VENDORED_PDF_ASSETS_URL) when its manifest is there and lists files, else the `pdfjs-dist`
 * package (packagePdfResourceUrls).
 */
export async function resolvePdfResourceUrls(
  vendoredBase: URL | string = VENDORED_PDF_ASSETS_URL,
): Promise<PdfResourceUrls> {
  const base = new URL(vendoredBase);
  if (!base.pathname.endsWith("/")) base.pathname += "/";
  const manifest = await readManifest(new URL(PDF_ASSETS_MANIFEST, base));
  if (manifest !== null && manifest.cmaps > 0 && manifest.standardFonts > 0) {
    return {
      cMapUrl: new URL("./cmaps/", base).href,
      standardFontDataUrl: new URL("./standard_fonts/", base).href,
    };
  }
  return packagePdfResourceUrls();
}

let defaultUrls: Promise<PdfResourceUrls> | undefined;

/** resolvePdfResourceUrls with the default folder, looked up once per isolate. */
export function defaultPdfResourceUrls(): Promise<PdfResourceUrls> {
  defaultUrls ??= resolvePdfResourceUrls();
  return defaultUrls;
}

async function readManifest(url: URL): Promise<PdfAssetsManifest | null> {
  try {
    const text = url.protocol === "file:"
      ? await Deno.readTextFile(url)
      : await fetch(url).then((r) => (r.ok ? r.text() : Promise.reject(new Error("absent"))));
    const parsed = JSON.parse(text) as Partial<PdfAssetsManifest> | null;
    if (
      typeof parsed?.pdfjsDist !== "string" || typeof parsed.cmaps !== "number" ||
      typeof parsed.standardFonts !== "number"
    ) return null;
    return parsed as PdfAssetsManifest;
  } catch {
    // Absent, unreadable or not ours: not vendored.
    return null;
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
