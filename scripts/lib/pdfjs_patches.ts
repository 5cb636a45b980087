/**
 * The changes this project makes to unpdf's build of PDF.js (`unpdf/dist/pdfjs.mjs`), applied by
 * `scripts/vendor_pdfjs.ts` to produce `vendor/pdfjs/pdfjs.mjs`; why they exist is in
 * `vendor/pdfjs/PATCHED.md`. Each is a literal replacement of one stretch of the minified
 * build, which must occur in it exactly once: a new unpdf release that moves or renames it
 * stops the script with the patch's name rather than producing a build without it.
 *
 * @module
 */

/** One literal replacement in the build. */
export interface PdfjsPatch {
  /** Short name, for errors and the header of the patched file. */
  name: string;
  /** The stretch of the original build replaced; must occur exactly once. */
  find: string;
  /** What replaces it. */
  replace: string;
}

/**
 * The module-level state the patches share, defined at the top of the patched build and
 * exported from it as `onboardingPatch` (so tests can see that the maps are reused): the
 * Unicode and character maps of fonts whose encoding is a named CMap, by
 * `<CMap name>|<registry>-<ordering>`, and how often one was reused. Both maps hold copies that
 * PDF.js never sees; each font is handed a copy of its own.
 */
export const PATCH_STATE =
  "const __onboardingPatch={toUnicode:new Map(),fontChars:new Map(),hits:0};";

/** The export of the shared state, appended to the build. */
export const PATCH_EXPORT = "export{__onboardingPatch as onboardingPatch};";

/** The replacements, in the order they are applied. */
export const PDFJS_PATCHES: readonly PdfjsPatch[] = [
  {
    // PartialEvaluator.buildToUnicode, for a composite font without a ToUnicode stream: maps
    // every code of its CMap through the `<registry>-<ordering>-UCS2` CMap (about 20,000 codes
    // for a Chinese CMap, 6–9 ms in one piece). When the encoding is a named CMap the result
    // depends only on the two names, so it is built once per isolate.
    name: "named-cmap-unicode-map",
    find: "let{registry:t,ordering:n}=e.cidSystemInfo,r=N.get(`${t}-${n}-UCS2`)," +
      "i=await CMapFactory.create({encoding:r,fetchBuiltInCMap:this._fetchBuiltInCMapBound," +
      "useCMap:null}),a=[],o=[];return e.cMap.forEach(function(e,t){if(t>65535)throw new " +
      "FormatError$1(`Max size of CID is 65,535`);let n=i.lookup(t);if(n){o.length=0;" +
      "for(let e=0,t=n.length;e<t;e+=2)o.push((n.charCodeAt(e)<<8)+n.charCodeAt(e+1));" +
      "a[e]=String.fromCharCode(...o)}}),new ToUnicodeMap(a)}",
    replace: "let{registry:t,ordering:n}=e.cidSystemInfo," +
      "__key=typeof e.cidEncoding==`string`&&e.cidEncoding!==``?" +
      "`${e.cidEncoding}|${t}-${n}`:void 0,__known=__key&&__onboardingPatch.toUnicode.get(__key);" +
      "if(__known){__onboardingPatch.hits++;let e=new ToUnicodeMap(__known.slice());" +
      "return e.__onboardingKey=__key,e}" +
      "let r=N.get(`${t}-${n}-UCS2`)," +
      "i=await CMapFactory.create({encoding:r,fetchBuiltInCMap:this._fetchBuiltInCMapBound," +
      "useCMap:null}),a=[],o=[];e.cMap.forEach(function(e,t){if(t>65535)throw new " +
      "FormatError$1(`Max size of CID is 65,535`);let n=i.lookup(t);if(n){o.length=0;" +
      "for(let e=0,t=n.length;e<t;e+=2)o.push((n.charCodeAt(e)<<8)+n.charCodeAt(e+1));" +
      "a[e]=String.fromCharCode(...o)}});let __built=new ToUnicodeMap(a);" +
      "return __key&&(__onboardingPatch.toUnicode.set(__key,a.slice())," +
      "__built.__onboardingKey=__key),__built}",
  },
  {
    // Font.fallbackToSystemFont, for a font that is not embedded: copies that Unicode map into
    // the font's character map (another 5–6 ms for a Chinese CMap). Reused for a Unicode map
    // built by the patch above, in the branch where nothing but that map decides the result.
    name: "named-cmap-character-map-reuse",
    find: "else{let e=pt(),n=[];this.toUnicode.forEach((t,r)=>{",
    replace: "else if(this.composite&&" +
      "__onboardingPatch.fontChars.has(this.toUnicode.__onboardingKey)){" +
      "__onboardingPatch.hits++;" +
      "this.toFontChar=__onboardingPatch.fontChars.get(this.toUnicode.__onboardingKey).slice()}" +
      "else{let e=pt(),n=[];this.toUnicode.forEach((t,r)=>{",
  },
  {
    name: "named-cmap-character-map-store",
    find: "/Tahoma|Verdana/i.test(t)&&applyStandardFontGlyphMap(n,Ht()),this.toFontChar=n}",
    replace: "/Tahoma|Verdana/i.test(t)&&applyStandardFontGlyphMap(n,Ht()),this.toFontChar=n," +
      "this.composite&&this.toUnicode.__onboardingKey&&" +
      "__onboardingPatch.fontChars.set(this.toUnicode.__onboardingKey,n.slice())}",
  },
];

/** Occurrences of `part` in `text`. */
function occurrences(text: string, part: string): number {
  let count = 0;
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + part.length)) count++;
  return count;
}

/**
 * Applies every patch to `source` (unpdf's `dist/pdfjs.mjs`), prefixed with `header` (a
 * comment) and the shared state, with the state's export appended. Throws naming the first
 * patch whose stretch does not occur exactly once.
 */
export function patchPdfjs(source: string, header: string): string {
  if (source.includes("__onboardingPatch")) {
    throw new Error("this build of PDF.js is patched already");
  }
  let patched = source;
  for (const patch of PDFJS_PATCHES) {
    const count = occurrences(patched, patch.find);
    if (count !== 1) {
      throw new Error(`PDF.js patch "${patch.name}": its stretch occurs ${count} times, not once`);
    }
    patched = patched.replace(patch.find, () => patch.replace);
  }
  return `${header}\n${PATCH_STATE}\n${patched}\n${PATCH_EXPORT}\n`;
}
