/**
 * Reading lists of certifications and telling ESG ones from company ones. ISO 14001 is an
 * environmental *management* system, grouped with the company certifications (as the
 * contract's company list does); ISO 50001 (energy management) is counted as ESG because it is
 * reported as an energy/emissions measure. Any other ISO standard counts as a company one.
 */

import {
  CERTIFICATE_WORD_END_PATTERN,
  CERTIFICATION_LEAD_PATTERN,
  CERTIFICATION_TAIL_PATTERN,
  COMPANY_CERTIFICATIONS,
  ESG_CERTIFICATIONS,
  KNOWN_ISO_NUMBERS,
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

const SPLIT_RE = /[、,;/\n&+]|以及|還有|还有|和|及|與|与|跟|\band\b|\s+(?=ISO)/i;
const LABEL_PREFIX_RE =
  /^[^:\n]*?(?:認證|认证|證書|证书|ESG|驗證|验证|certifications?)[^:\n]*:\s*/i;
// A lead-in without Latin letters before a colon (`3張：`, `共有：`) is not a name; a colon after
// a name (`ISO 9001: 2015`) is left alone.
const LEAD_IN_RE = /^[^:A-Za-z\n]{1,12}:\s*/;

/**
 * Splits a list answer (`ISO 9001、ISO 14064和GRI`, `iso14064/14067`, one per line) into
 * normalised names, sorted into ESG, company and `unknown` (items that look like a
 * certification: they contain Latin letters or end in 認證/證書/標章…; counts such as `3張`
 * and chatter are dropped). Duplicates are removed, first-seen order kept. A "none" answer
 * (`無`, `沒有`, `N/A`) gives three empty lists.
 */
export function parseCertificationList(text: string): CertificationList {
  const result: CertificationList = { esg: [], company: [], unknown: [] };
  let t = normalizeText(text);
  if (t === "" || isNoneAnswer(t)) return result;
  t = t.replace(LABEL_PREFIX_RE, "").replace(LEAD_IN_RE, "").replace(
    /ISO\s*\/\s*(?:IEC|TS)/gi,
    "ISO",
  ).replace(
    /PIC\s*\/\s*S/gi,
    "PICS",
  ).replace(/N\/A/gi, "");
  const seen = new Set<string>();
  for (const piece of t.split(SPLIT_RE)) {
    const item = stripEdgeNoise(piece ?? "");
    if (item === "" || isNoneAnswer(item) || item.length > 40) continue;
    const name = recognisedInside(item);
    if (name === "" || seen.has(name)) continue;
    let bucket: string[] | null = null;
    if (ESG_CERTIFICATIONS.includes(name)) bucket = result.esg;
    else if (isCompanyCertificationName(name)) bucket = result.company;
    else if (/[A-Za-z]/.test(name) || CERTIFICATE_WORD_END_PATTERN.test(item)) {
      bucket = result.unknown;
    }
    if (bucket === null) continue;
    seen.add(name);
    bucket.push(name);
  }
  return result;
}

// `公司有ISO 9001` or `部分我們有ISO 14064`: when the item as a whole is not a known name but
// the part from its first Latin letter or digit is, chatter in front is dropped.
function recognisedInside(item: string): string {
  const whole = normalizeCertificationName(item);
  if (isKnown(whole)) return whole;
  const at = item.search(/[A-Za-z0-9]/);
  if (at > 0) {
    const inner = normalizeCertificationName(item.slice(at));
    if (isKnown(inner)) return inner;
  }
  return whole;
}

function isKnown(name: string): boolean {
  return ESG_CERTIFICATIONS.includes(name) || isCompanyCertificationName(name);
}
