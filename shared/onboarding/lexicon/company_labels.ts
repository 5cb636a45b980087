/**
 * The words that label a company fact in free text, in Chinese and English (`資本額`,
 * `capital`, `發明專利`, `invention patents`, `ESG認證`, `certs`…), for the clause splitter and
 * the fact extractor.
 *
 * @module
 */

/** The facts a message can label; certifications and ESG map onto several profile fields. */
export type FactField =
  | "industry"
  | "capital_amount"
  | "invention_patent_count"
  | "utility_patent_count"
  | "certification_count"
  | "esg_certification";

/**
 * Label patterns per fact (global, so every occurrence can be found or removed), longest
 * alternatives first so the whole label is consumed. English labels are whole words
 * (`certs` but not `concerts`).
 */
export const FACT_LABELS: Readonly<Record<FactField, RegExp>> = {
  esg_certification:
    /ESG\s*(?:相關|相关)?\s*(?:的)?\s*(?:認證|认证|證書|证书|certifications?\b|certificates?\b|certs?\b)?(?:資料|资料)?|永續認證|永续认证|\bsustainability\s+certifications?\b/gi,
  certification_count:
    /公司認證(?:資料)?(?:數量|数量)?|公司认证(?:资料)?(?:数量)?|認證(?:資料)?(?:數量|数量)?|认证(?:资料)?(?:数量)?|證書|证书|\b(?:company\s+)?(?:certifications?|certificates?|certs?)\b/gi,
  invention_patent_count:
    /發明專利(?:數量|件數)?|发明专利(?:数量|件数)?|發明|发明|\binvention(?:\s+patents?)?\b|\binvention\b/gi,
  utility_patent_count:
    /新型專利(?:數量|件數)?|新型专利(?:数量|件数)?|新型|\butility(?:\s+model)?(?:\s+patents?)?\b/gi,
  capital_amount:
    /實收資本(?:總)?額?|实收资本(?:总)?额?|資本(?:總)?額|资本(?:总)?额|資本|资本|\b(?:registered\s+|paid-in\s+|paid\s+in\s+)?capital(?:\s+amount)?\b/gi,
  industry:
    /所屬產業|所属产业|產業類別|产业类别|產業別|产业别|行業別|行业别|產業|产业|行業|行业|\bindustry\b|\bsector\b/gi,
};

/** Any mention of ESG (`ESG`, `永續`): certifications named with it are meant as ESG ones. */
export const ESG_MENTION_PATTERN = /esg|永續|永续/i;

/** Words around a label that name the group, not the fact (`patents: invention 4`). */
export const LABEL_GROUP_PATTERN = /\bpatents?\b|專利|专利/gi;

/** Words around a count that carry no value (`數量`, `件數`). */
export const COUNT_LABEL_TAIL_PATTERN = /數量|数量|件數|件数/g;

/**
 * Words that say one value holds for both patent kinds (`發明跟新型專利都沒有`, `兩種專利都是0`,
 * `both 0`): a none or zero said with one of these is shared by the labels before it.
 */
export const BOTH_KINDS_PATTERN =
  /都|皆|均|全部|兩種|两种|兩項|两项|兩者|两者|兩個|两个|兩類|两类|\bboth\b|\ball\b/i;

/** `兩種`, `兩者`, `both`: words naming the two kinds, which are not a count of two. */
export const TWO_KINDS_PATTERN = /兩種|两种|兩項|两项|兩者|两者|兩個|两个|兩類|两类|\bboth\b/gi;

/**
 * Words that may open a message before the company field it is about (`不對，新型專利是6件`,
 * `其實資本額是800萬`, `抱歉，ESG沒有`): apologies, corrections and interjections. A message
 * whose subject, after these, is a company label states a company fact.
 */
export const COMPANY_LEAD_IN_PATTERN =
  /^(?:不對|不对|不是|其實|其实|另外|對了|对了|抱歉|不好意思|sorry|oops|actually|剛剛|刚刚|剛才|刚才|更正|修正|還有|还有|那個|那个|喔|哦|噢|欸|诶|啊|嗯|呃|我們的|我们的|我們|我们|公司的|[\s,.;:!~、。…-])+/i;

/** Apologies: `不好意思` holds 意思 but asks nothing. */
export const APOLOGY_PATTERN = /不好意思|抱歉|\bsorry\b/gi;

/**
 * What follows a label that is the subject of a message (`新型專利是6件`, `資本額500萬`,
 * `ESG其實沒有`, `capital: 9,000,000`): a separator, a verb of being or correcting, a none or a
 * number. A label followed by anything else (`發明專利保護`) is part of a description.
 */
export const LABEL_VALUE_START_PATTERN =
  /^\s*(?:[:=\-]|(?:的)?(?:部分|部份|方面|的話|的话|這塊|这块|這邊|这边)|是|為|为|其實|其实|應該|应该|改|更正|修正|有|共|總共|总共|大概|大約|大约|約|约|只有|才|都|也|沒|没|無|无|[0-9零〇一二兩两三四五六七八九十百千]|nt\$?|\$|none\b|n\/a\b|is\b|are\b|should\b)/i;
