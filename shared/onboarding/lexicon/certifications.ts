/**
 * Certification names: the ESG and company certifications recognised, the bare ISO numbers
 * read as ISO standards, and the words around a name that are not part of it.
 *
 * @module
 */

/** Canonical names of the ESG certifications and frameworks recognised. */
export const ESG_CERTIFICATIONS: readonly string[] = [
  "ISO 14064",
  "ISO 14067",
  "ISO 14046",
  "ISO 14068",
  "ISO 50001",
  "GRI",
  "ISSB",
  "IFRS S1",
  "IFRS S2",
  "SBTi",
  "CDP",
  "RE100",
  "TCFD",
  "TNFD",
  "SASB",
  "B Corp",
  "PAS 2060",
  "EcoVadis",
  "碳足跡",
  "碳盤查",
  "水足跡",
];

/** Canonical names of the non-ISO company certifications recognised (any ISO not ESG too). */
export const COMPANY_CERTIFICATIONS: readonly string[] = [
  "IATF 16949",
  "HACCP",
  "FSSC 22000",
  "GMP",
  "GDP",
  "CE",
  "UL",
  "TAF",
  "CNS",
  "AS9100",
  "QC080000",
  "OHSAS 18001",
  "TOSHMS",
  "RoHS",
  "REACH",
  "FDA",
  "Halal",
];

/** Bare numbers of common ISO standards, so `ISO 14064/14067` reads as two ISO names. */
export const KNOWN_ISO_NUMBERS: ReadonlySet<string> = new Set([
  "9001",
  "14001",
  "14046",
  "14064",
  "14067",
  "14068",
  "45001",
  "27001",
  "27701",
  "13485",
  "22000",
  "17025",
  "50001",
  "28000",
  "22301",
  "20000",
]);

/** Words before a certification name that are not part of it (`已取得`, `包括`, `有`). */
export const CERTIFICATION_LEAD_PATTERN =
  /^(?:我們有|我们有|目前有|已取得|已通過|已通过|取得|通過|通过|包括|包含|例如|像是|如|有)\s*/;
/** Words after a certification name that are not part of it (`認證`, `證書`, `等`). */
export const CERTIFICATION_TAIL_PATTERN =
  /\s*(?:等等|等|認證|认证|證書|证书|驗證|验证|標準|标准|系列|準則|准则|標章|标章|標籤|标签|certification|certificate)+$/i;

/** A word that makes an unknown item a certification (`節能標章`, `清真認證`). */
export const CERTIFICATE_WORD_END_PATTERN =
  /(?:認證|认证|證書|证书|標章|标章|驗證|验证|標籤|标签|認可|认可)$/;

/**
 * Words of a plan or the future (`明年打算申請ISO 14064`, `還在評估`, `申請中`): a
 * certification only planned is not held, so a clause with one of these names none.
 */
export const CERTIFICATION_PLAN_PATTERN =
  /(?:明年|後年|后年|今年底|年底前|下半年|未來|未来|將來|将来|以後|以后|之後|之后)(?:再|要|會|会|才|就|申請|申请|打算|準備|准备|計畫|计划|預計|预计)|打算|計畫|計劃|计划|準備|准备|預計|预计|規劃|规划|再看看|申請中|申请中|正在申請|正在申请|在申請|在申请|評估|评估|考慮|考虑|想要|希望|\bplan(?:ning|s)?\b|\bnext year\b|\bwill\b|\bgoing to\b/i;

/**
 * English words of chatter, never part of a certification name: an unrecognised item made of
 * Latin letters (`FSC`, `OEKO-TEX`) may be a name, `OK`, `yes we do` or `that's all` is not.
 */
export const CERTIFICATION_CHATTER_WORDS: ReadonlySet<string> = new Set([
  "ok",
  "okay",
  "yes",
  "yeah",
  "yep",
  "no",
  "nope",
  "none",
  "nothing",
  "thanks",
  "thank",
  "you",
  "we",
  "i",
  "have",
  "has",
  "had",
  "is",
  "are",
  "the",
  "that",
  "that's",
  "thats",
  "this",
  "all",
  "done",
  "finish",
  "finished",
  "just",
  "so",
  "hi",
  "hello",
  "not",
  "sure",
  "maybe",
  "know",
  "don't",
  "dont",
  "some",
  "any",
  "it",
  "our",
]);

/** A certification label before a list (`ESG認證：`, `公司證書有:`, `certifications:`). */
export const CERTIFICATION_LABEL_PREFIX_PATTERN =
  /^[^:\n]*?(?:認證|认证|證書|证书|ESG|驗證|验证|certifications?)[^:\n]*:\s*/i;
