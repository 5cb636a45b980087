/**
 * Words about products: the labels people and documents write for each product field
 * (Traditional, Simplified and English), the cues that introduce a product's name, price,
 * materials, specification or advantages inside a free sentence, and the ways people say a
 * product should go.
 *
 * @module
 */

import type { ProductFields } from "../types.ts";

/**
 * For each product field, the labels users (and documents) write for it, incl. Simplified and
 * English. English labels are matched case-insensitively; a space inside a label (`unit price`)
 * also matches no space or several.
 */
export const PRODUCT_FIELD_LABELS: Readonly<Record<keyof ProductFields, readonly string[]>> = {
  product_id: [
    "產品ID",
    "产品ID",
    "產品編號",
    "产品编号",
    "產品代號",
    "产品代号",
    "產品代碼",
    "产品代码",
    "編號",
    "编号",
    "料號",
    "料号",
    "貨號",
    "货号",
    "ID",
    "SKU",
    "product id",
    "product code",
    "item code",
    "code",
  ],
  product_name: [
    "產品名稱",
    "产品名称",
    "產品名",
    "产品名",
    "商品名稱",
    "商品名称",
    "名稱",
    "名称",
    "品名",
    "產品",
    "产品",
    "product name",
    "item name",
    "name",
    "product",
  ],
  price: [
    "價格",
    "价格",
    "售價",
    "售价",
    "單價",
    "单价",
    "定價",
    "定价",
    "價錢",
    "价钱",
    "price",
    "unit price",
    "list price",
  ],
  main_raw_materials: [
    "主要原料",
    "主要原物料",
    "主要材料",
    "原物料",
    "原料",
    "材料",
    "材質",
    "材质",
    "成分",
    "成份",
    "material",
    "materials",
    "raw material",
    "raw materials",
    "main raw materials",
    "ingredient",
    "ingredients",
  ],
  product_standard: [
    "產品規格",
    "产品规格",
    "規格",
    "规格",
    "尺寸",
    "精度",
    "尺寸精度",
    "尺寸、精度",
    "規格尺寸",
    "容量",
    "spec",
    "specs",
    "specification",
    "specifications",
    "size",
    "dimension",
    "dimensions",
  ],
  technical_advantages: [
    "技術優勢",
    "技术优势",
    "技術特色",
    "技术特色",
    "產品特色",
    "产品特色",
    "優勢",
    "优势",
    "優點",
    "优点",
    "特色",
    "特點",
    "特点",
    "賣點",
    "卖点",
    "advantage",
    "advantages",
    "technical advantages",
    "feature",
    "features",
    "strength",
    "strengths",
    "usp",
  ],
};

/**
 * Words that introduce a product's name inside a sentence (`一款叫恆溫保溫杯的產品`,
 * `品名是手工皂`), longest first. The name follows the cue.
 */
export const PRODUCT_NAME_CUES: readonly string[] = [
  "產品名稱是",
  "產品名稱為",
  "產品名字是",
  "名稱叫做",
  "名字叫做",
  "名稱是",
  "名稱為",
  "名字是",
  "品名是",
  "品名為",
  "名字叫",
  "叫做",
  "名為",
  "稱為",
  "叫",
  "called",
  "named",
];

/**
 * Phrases after which the main product is named (`主力產品是保溫杯`, `我們賣手工皂`,
 * `這款保溫杯`). Weaker than a name cue: used only when there is none.
 */
export const PRODUCT_INTRO_CUES: readonly string[] = [
  "主力產品是",
  "主力商品是",
  "主打產品是",
  "主打商品是",
  "招牌產品是",
  "招牌商品是",
  "主要產品是",
  "主要商品是",
  "主打的是",
  "主打",
  "招牌是",
  "產品是",
  "商品是",
  "這一款",
  "這款",
  "這個",
  "這項",
  "有在賣",
  "在賣",
  "有賣",
  "販售",
  "銷售",
  "生產",
  "製造",
  "賣",
  "we sell",
  "we make",
];

/** Words after a name that mark it as the product spoken about (`保溫杯這款`, `手工皂這個產品`). */
export const PRODUCT_DEMONSTRATIVE_SUFFIXES: readonly string[] = [
  "這款產品",
  "這個產品",
  "這項產品",
  "這個商品",
  "這款",
  "這個",
  "這項",
  "那款",
  "那個",
  "那項",
];

/** Words that introduce a price (`售價680元`, `一個賣680元`). */
export const PRICE_CUES: readonly string[] = [
  "售價",
  "價格",
  "價錢",
  "定價",
  "單價",
  "賣",
  "售",
  "price",
];

/** Units a price is given per (`每個`, `一盒`): `每/一` + one of these introduces a price. */
export const PRICE_PER_UNITS: readonly string[] = [
  "個",
  "塊",
  "盒",
  "瓶",
  "包",
  "組",
  "台",
  "臺",
  "件",
  "支",
  "片",
  "顆",
  "入",
  "套",
  "杯",
  "份",
  "罐",
  "條",
  "張",
  "袋",
  "箱",
  "公斤",
  "斤",
];

/** Words that introduce the materials (`材質是304不鏽鋼`); `用…做的` is read separately. */
export const MATERIAL_CUES: readonly string[] = [
  "主要原料",
  "原物料",
  "原料",
  "材料",
  "材質",
  "成分",
  "成份",
  "made of",
  "material",
];

/** Words that introduce the specification (`規格是10包入`, `容量500ml`). */
export const SPEC_CUES: readonly string[] = [
  "規格",
  "尺寸",
  "容量",
  "重量",
  "大小",
  "精度",
  "size",
  "spec",
];

/** Words that introduce the advantages (`特色是保溫12小時`). */
export const ADVANTAGE_CUES: readonly string[] = [
  "技術優勢",
  "優勢",
  "優點",
  "特色",
  "特點",
  "賣點",
  "強項",
  "feature",
  "advantage",
];

/** Words that introduce a product ID inside a sentence (`編號是P001`). */
export const PRODUCT_ID_CUES: readonly string[] = [
  "產品編號",
  "產品ID",
  "編號",
  "料號",
  "貨號",
  "代號",
  "ID",
  "SKU",
];

/**
 * Words and phrases that make a text a sentence rather than a product name: pronouns, glue
 * verbs and conjunctions, quantity words that precede a name (`一款`), and generic nouns
 * after 的 (`…的產品`). A plain reply containing any of them is not taken as a name.
 */
export const SENTENCE_MARKERS: RegExp =
  /我們|我们|我的|我家|你們|您們|他們|就是|這是|那是|因為|所以|然後|但是|不過|可以|已經|應該|大概|覺得|一款|一種|一個|一樣|各種|各式|各類|多種|很多|一些|很|都|不要|不用|不賣|的產品|的商品|的東西|這款|這個|那個|叫做|名為|\b(?:we|our|i|is|are|it|this|that|sell|sells|called|named)\b/i;

/** Edges that make a text a sentence: it starts with a verb or pronoun, or ends with a particle. */
export const SENTENCE_EDGES: RegExp =
  /^(?:我|你|您|他|這|那|就|也|還|是|在|賣|叫|請|幫|有(?:一|個|些|幾|兩|很|在|賣|做|的|個)|沒有)|(?:的|了|嗎|吗|呢|吧|啊|喔|嗎)$/;

/** Greetings and thanks anywhere in a short reply: such a reply is never a product name. */
export const SMALL_TALK_PATTERN: RegExp =
  /謝謝|谢谢|感謝|感谢|多謝|你好|您好|哈囉|哈啰|嗨|早安|午安|晚安|辛苦了|\b(?:hi|hello|hey|thanks|thank you)\b/i;

/**
 * Words that refer to a product without naming it (`這個`, `它`): a deletion naming only one of
 * these does not say which product.
 */
export const PRODUCT_PRONOUNS: ReadonlySet<string> = new Set([
  "這個",
  "那個",
  "這項",
  "那項",
  "這款",
  "那款",
  "它",
  "這",
  "那",
  "this",
  "it",
]);

/**
 * Ways of saying a product should go without a delete verb, after the product
 * (`手工皂不要了`, `第二個產品不賣了`); they delete only when a product is clearly named.
 */
export const PRODUCT_DROP_PHRASES: readonly string[] = [
  "不要了",
  "不用了",
  "不賣了",
  "不卖了",
  "沒在賣了",
  "停產了",
  "停售了",
  "下架",
  "下架了",
];

/** Words between a product and the verb that point at it (`保溫杯那項拿掉`). */
export const PRODUCT_REFERENCE_SUFFIXES: readonly string[] = [
  "這款產品",
  "這個產品",
  "這項產品",
  "那個產品",
  "那項產品",
  "那款產品",
  "這一項",
  "那一項",
  "這項",
  "那項",
  "這個",
  "那個",
  "這款",
  "那款",
  "產品",
  "商品",
  "品項",
];

/**
 * A product named by its position in the list: `第二個`, `第2項`, `第三款產品`, `最後一個`.
 * Group 1 holds the number (Arabic or Chinese); no group means the last one.
 */
export const PRODUCT_POSITION_PATTERN: RegExp =
  /^(?:第\s*([0-9]+|[一二兩三四五六七八九十]+)\s*|最後(?:一)?|最后(?:一)?)(?:個|个|項|项|款|樣|件|筆|號|号)?(?:產品|商品|品項)?$/;

/** "We have no products" as the whole answer (`沒有產品`, `目前沒有任何商品`, `無產品`). */
export const NO_PRODUCTS_PATTERN: RegExp =
  /^(?:我們|我们|公司)?(?:目前|現在|暫時|還|都)*(?:沒有|没有|沒|没|無|无)(?:任何|要登錄的|要登录的)?(?:產品|产品|商品)(?:要登錄|要登录)?(?:了|耶|喔)*$/;

/**
 * Chatter before a product in a sentence, never part of its name: fillers and connectives
 * (`嗯…`, `對了`, `另外`, `還有`, `有啊，`), a position (`第一個是`, `第二款叫`) and `一個是`. Matched at
 * the start of a sentence, repeatedly (`有啊，還有一款…`). A bare `有` is not chatter (`有機米`).
 */
export const PRODUCT_LEADING_CHATTER: RegExp =
  /^(?:(?:嗯+|恩+|呃+|欸+|啊+|喔+|哦+|那個|对了|對了|另外|此外|還有|还有|然後|然后|其實|其实|有啊|有喔|有的|有呀|是的)[\s,，、。.…~～!！]*|第\s*(?:[0-9]+|[一二兩三四五六七八九十]+)\s*(?:個|个|款|項|项|樣|样|種|种)(?:產品|商品)?\s*(?:是|叫做|叫)?\s*|(?:另)?一(?:個|个|款|項|项|樣|样|種|种)(?:產品|商品)?是\s*)+/i;

/**
 * Name cues after which a name ends at the next 的 (`一款叫做芒果乾的零食` → 芒果乾,
 * `名為X的禮盒`): what follows 的 says what kind of thing it is.
 */
export const NAME_CUES_ENDING_AT_DE: readonly string[] = [
  "名稱叫做",
  "名字叫做",
  "名字叫",
  "叫做",
  "名為",
  "稱為",
  "叫",
];

/**
 * A superlative opening after which the best-known product is named (`我們最暢銷的是有機豆漿`,
 * `賣最好的是X`, `最受歡迎的就是X`): weaker than any other cue, tried last. `做的是` is not one
 * (`我們做的是客製化服務` says what the company does).
 */
export const PRODUCT_SUPERLATIVE_PATTERN: RegExp = /(?:最|賣得?最|卖得?最)[㐀-鿿]{1,4}?的(?:就)?是/;

/**
 * "No more products, these are all" at the more-products question (`沒有，就這三個`, `沒有了，
 * 就這些`, `就這幾個`, `只有這兩款`), after `compact` (no spaces, lower case).
 */
export const NO_MORE_PRODUCTS_PATTERN: RegExp =
  /^(?:(?:沒有|没有|沒|没|無|无|不用|no)了?[,，、.。!！]*)?(?:就|只有|只)(?:這|这|那)(?:[0-9]+|[一二兩三四五六七八九十幾几]+)?(?:個|个|款|項|项|樣|样|種|种|些)?(?:產品|产品|商品)?(?:而已|了|喔|啦|吧)*(?:[,，、.。!！]*(?:謝謝|谢谢|感謝))?$/;

/**
 * Polite openings of a request about a product (`麻煩幫我`, `請`, `please`, `can you`), longest
 * first; they are not part of the product named after them.
 */
export const REQUEST_POLITE_OPENINGS: readonly string[] = [
  "我想要",
  "我想",
  "我要",
  "想要",
  "請幫我",
  "麻煩幫我",
  "麻煩你",
  "麻煩您",
  "幫我",
  "幫忙",
  "麻煩",
  "請",
  "要",
  "could you",
  "can you",
  "please",
  "pls",
];

/**
 * Polite or casual endings of a request (`謝謝`, `好了`, `一下`, `please`, `thanks`): stripped
 * before a command is read, so `第三個拿掉好了` and `delete P001 please` are plain commands.
 */
export const REQUEST_POLITE_TAILS: RegExp =
  /(?:[\s,，.。!！~～]*(?:謝謝你?|谢谢你?|感謝|感谢|多謝|好了|就好|一下|好嗎|好吗|可以嗎|可以吗|吧|喔|哦|啦|呀|囉|唷|please|pls|thanks|thank you|thx))+$/i;

/** `用X做的`, `由X製成`: X is what the product is made of. */
export const MADE_OF_PATTERN: RegExp =
  /(?:用|以|由|採用)([^，,。;；!！?？\n]{1,40}?)(?:做的|做成|製成|製作|製造|打造)/;
