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
