/**
 * Reading lists of certifications and telling ESG ones from company ones. ISO 14001 is an
 * environmental *management* system, grouped with the company certifications (as the
 * contract's company list does); ISO 50001 (energy management) is counted as ESG because it is
 * reported as an energy/emissions measure. Any other ISO standard counts as a company one.
 */

import {
  CERTIFICATE_WORD_END_PATTERN,
  CERTIFICATION_CHATTER_WORDS,
  CERTIFICATION_LABEL_PREFIX_PATTERN,
  CERTIFICATION_LEAD_PATTERN,
  CERTIFICATION_PLAN_PATTERN,
  CERTIFICATION_TAIL_PATTERN,
  COMPANY_CERTIFICATIONS,
  ESG_CERTIFICATIONS,
  KNOWN_ISO_NUMBERS,
  LIST_SEPARATOR_PATTERN,
  UNDECIDED_PATTERN,
} from "../lexicon/mod.ts";
import { normalizeText, stripEdgeNoise } from "./normalize.ts";
import { isNoneAnswer } from "./yes_no.ts";

// Exact canonical forms, matched on the upper-cased, space-free text.
const FIXED: [RegExp, string][] = [
  [/^IATF-?16949/, "IATF 16949"],
  [/^(?:IECQ)?QC-?080000/, "QC080000"],
  [/^FSSC-?22000/, "FSSC 22000"],
  [/^AS-?9100/, "AS9100"],
  [/^OHSAS-?18001/, "OHSAS 18001"],
  [/^PAS-?2060/, "PAS 2060"],
  [/^IFRS-?S?1$|^S1$/, "IFRS S1"],
  [/^IFRS-?S?2$|^S2$/, "IFRS S2"],
  [/^ISSB/, "ISSB"],
  [/^GRI/, "GRI"],
  [/^SBTI?$/, "SBTi"],
  [/^CDP$/, "CDP"],
  [/^RE-?100$/, "RE100"],
  [/^TCFD$/, "TCFD"],
  [/^TNFD$/, "TNFD"],
  [/^SASB$/, "SASB"],
  [/^B-?CORP|^B型企業|^B型企业/, "B Corp"],
  [/^ECOVADIS/, "EcoVadis"],
  [/^HACCP/, "HACCP"],
  [/^(?:C|PICS|PIC\/S)?GMP$/, "GMP"],
  [/^GDP$/, "GDP"],
  [/^CE$/, "CE"],
  [/^UL$/, "UL"],
  [/^TAF/, "TAF"],
  [/^CNS$/, "CNS"],
  [/^TOSHMS/, "TOSHMS"],
  [/^ROHS$/, "RoHS"],
  [/^REACH$/, "REACH"],
  [/^FDA$/, "FDA"],
  [/^HALAL$|^清真/, "Halal"],
  [/^碳足跡|^碳足迹|^產品碳足跡/, "碳足跡"],
  [/^碳盤查|^碳盘查|^溫室氣體盤查|^温室气体盘查/, "碳盤查"],
  [/^水足跡|^水足迹/, "水足跡"],
];

/**
 * Normalises one certification name: `iso14064` / `ISO 14064-1:2018` → `ISO 14064`,
 * `ISO-9001:2015` → `ISO 9001`, `iatf16949` → `IATF 16949`, `ifrs s2` → `IFRS S2`,
 * `sbti` → `SBTi`, `9001` → `ISO 9001`, `溫室氣體盤查` → `碳盤查`. Unrecognised names come back
 * trimmed (with 有/取得… and 等 removed) but otherwise as written.
 */
export function normalizeCertificationName(raw: string): string {
  const cleaned = stripEdgeNoise(normalizeText(raw)).replace(CERTIFICATION_LEAD_PATTERN, "")
    .replace(/\s*(?:等等|等)$/, "").trim();
  const bare = cleaned.replace(CERTIFICATION_TAIL_PATTERN, "").trim();
  const key = bare.toUpperCase().replace(/\s+/g, "");
  const iso = key.match(/^ISO(?:\/IEC|\/TS)?[-_:]?(\d{3,5})(?:[-_.]\d+)*(?::\d{4})?/);
  if (iso) return iso[1] === "16949" ? "IATF 16949" : `ISO ${iso[1]}`;
  const num = key.match(/^(\d{4,5})(?:-\d+)?(?::\d{4})?$/);
  if (num && KNOWN_ISO_NUMBERS.has(num[1])) return `ISO ${num[1]}`;
  const cns = key.match(/^CNS-?(\d+)$/);
  if (cns) return `CNS ${cns[1]}`;
  for (const [re, name] of FIXED) if (re.test(key)) return name;
  return cleaned.replace(/\s+/g, " ");
}

/** Whether a name (raw or normalised) is an ESG certification; returns true for ESG ones. */
export function isEsgCertificationName(name: string): boolean {
  return ESG_CERTIFICATIONS.includes(normalizeCertificationName(name));
}

/** Whether a name (raw or normalised) is a recognised company (non-ESG) certification. */
export function isCompanyCertificationName(name: string): boolean {
  const n = normalizeCertificationName(name);
  if (ESG_CERTIFICATIONS.includes(n)) return false;
  return /^ISO \d+$/.test(n) || /^CNS( \d+)?$/.test(n) || COMPANY_CERTIFICATIONS.includes(n);
}

/** The names of a certification list, sorted into ESG, company and unrecognised ones. */
export interface CertificationList {
  esg: string[];
  company: string[];
  unknown: string[];
}

// A lead-in without Latin letters before a colon (`3張：`, `共有：`) is not a name; a colon after
// a name (`ISO 9001: 2015`) is left alone.
const LEAD_IN_RE = /^[^:A-Za-z\n]{1,12}:\s*/;

/**
 * Splits a list answer (`ISO 9001、ISO 14064和GRI`, `iso14064/14067`, one per line) into
 * normalised names, sorted into ESG, company and `unknown` (items that look like a
 * certification: a code such as `FSC` or `SA8000`, or a name ending in 認證/證書/標章…; counts
 * such as `3張` and chatter such as `OK 就這樣` are dropped). A code named next to its
 * description wins (`碳盤查有做ISO 14064` → ISO 14064); clauses about plans (`明年打算申請
 * ISO 14067`) are not read. Duplicates are removed, first-seen order kept. A "none" answer
 * (`無`, `沒有`, `N/A`) gives three empty lists.
 */
export function parseCertificationList(text: string): CertificationList {
  const result: CertificationList = { esg: [], company: [], unknown: [] };
  let t = heldText(text);
  if (t === "" || isNoneAnswer(t)) return result;
  t = t.replace(CERTIFICATION_LABEL_PREFIX_PATTERN, "").replace(LEAD_IN_RE, "").replace(
    /ISO\s*\/\s*(?:IEC|TS)/gi,
    "ISO",
  ).replace(
    /PIC\s*\/\s*S/gi,
    "PICS",
  ).replace(/N\/A/gi, "");
  const seen = new Set<string>();
  for (const piece of t.split(LIST_SEPARATOR_PATTERN)) {
    const item = stripEdgeNoise(piece ?? "");
    if (item === "" || isNoneAnswer(item) || item.length > 40) continue;
    const name = recognisedInside(item);
    if (name === "" || seen.has(name)) continue;
    let bucket: string[] | null = null;
    if (ESG_CERTIFICATIONS.includes(name)) bucket = result.esg;
    else if (isCompanyCertificationName(name)) bucket = result.company;
    else if (looksLikeName(name, item)) bucket = result.unknown;
    if (bucket === null) continue;
    seen.add(name);
    bucket.push(name);
  }
  return result;
}

// `公司有ISO 9001`, `部分我們有ISO 14064`, `碳盤查有做ISO 14064`: when the part from the first
// Latin letter or digit is a known name, it is the name, and the words in front (chatter, or a
// description such as 碳盤查 of the code named) are dropped.
function recognisedInside(item: string): string {
  const at = item.search(/[A-Za-z0-9]/);
  if (at > 0) {
    const inner = normalizeCertificationName(item.slice(at));
    if (isKnown(inner)) return inner;
  }
  return normalizeCertificationName(item);
}

// An unrecognised item is kept only when it reads as a certification's name: it ends in
// 認證/證書/標章…, or it is a code (`FSC`, `SA8000`, `OEKO-TEX`) of a few words, none of them
// chatter (`OK 就這樣`, `yes we do`).
function looksLikeName(name: string, item: string): boolean {
  if (CERTIFICATE_WORD_END_PATTERN.test(item)) return true;
  const latin = name.match(/[A-Za-z][A-Za-z0-9'-]*/g) ?? [];
  if (latin.length === 0 || latin.length > 4) return false;
  if (latin.some((w) => CERTIFICATION_CHATTER_WORDS.has(w.toLowerCase()))) return false;
  // Chinese words around a code must be few (`台灣CAS`), not a sentence.
  return (name.match(/[\u3400-\u9fff]/g) ?? []).length <= 8;
}

/**
 * The part of a certification answer about certifications held: clauses about plans or the
 * future (`明年打算申請ISO 14064`, `申請中`) and clauses that only hesitate (`不太確定`) are
 * dropped, so `目前沒有，明年打算申請ISO 14064` and `不太確定，應該沒有` read as none. Returns the
 * normalised text unchanged when nothing is dropped, and "" when nothing is left.
 */
export function heldText(text: string): string {
  const t = normalizeText(text);
  const clauses = t.split(/[,;。!?\n]/);
  const kept = clauses.filter((c) =>
    !CERTIFICATION_PLAN_PATTERN.test(c) &&
    !(UNDECIDED_PATTERN.test(c) && !isNoneAnswer(c) && !/[A-Za-z0-9]/.test(c))
  );
  if (kept.length === clauses.length) return t;
  return stripEdgeNoise(kept.join(","));
}

function isKnown(name: string): boolean {
  return ESG_CERTIFICATIONS.includes(name) || isCompanyCertificationName(name);
}
