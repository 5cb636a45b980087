/**
 * Industry words: the common Taiwanese industry stems, their aliases and English names, and
 * the words around an industry in a sentence (`我們做…`, `算是…`, `…的公司`).
 *
 * @module
 */

/**
 * Common Taiwanese industry stems, without the trailing 業. A bare stem (`半導體`, `紡織`) or
 * `我們是做軟體的` is returned with 業 added (`半導體業`, `紡織業`, `軟體業`) so the stored
 * value reads like the examples in the contract (電子業, 食品業). Narrow stems (半導體封測,
 * 汽車零組件, 精密機械) are listed so they are never cut down to a broader one.
 */
export const INDUSTRY_STEMS: readonly string[] = [
  "電子",
  "半導體",
  "半導體封測",
  "IC設計",
  "光電",
  "通訊",
  "網通",
  "電信",
  "電腦",
  "資通訊",
  "資訊服務",
  "資訊",
  "軟體",
  "科技",
  "電子商務",
  "電商",
  "遊戲",
  "食品",
  "餐飲",
  "飲料",
  "紡織",
  "成衣",
  "服飾",
  "製造",
  "機械",
  "精密機械",
  "汽車",
  "汽車零組件",
  "自行車",
  "電機",
  "鋼鐵",
  "金屬",
  "化工",
  "化學",
  "塑膠",
  "橡膠",
  "石化",
  "造紙",
  "印刷",
  "玻璃",
  "陶瓷",
  "水泥",
  "家具",
  "生技醫療",
  "生物科技",
  "生技",
  "醫療",
  "醫療器材",
  "製藥",
  "醫美",
  "美容",
  "金融",
  "保險",
  "銀行",
  "證券",
  "營造",
  "建築",
  "不動產",
  "房地產",
  "運輸",
  "物流",
  "航運",
  "航空",
  "觀光",
  "旅遊",
  "旅館",
  "零售",
  "批發",
  "貿易",
  "能源",
  "綠能",
  "電力",
  "環保",
  "教育",
  "顧問",
  "廣告",
  "媒體",
  "傳播",
  "文創",
  "服務",
  "農",
  "漁",
  "畜牧",
];

/** Other spellings of a stem (Mainland words after OpenCC, short forms) → the stem. */
export const INDUSTRY_ALIASES: Readonly<Record<string, string>> = {
  "軟件": "軟體",
  "汽車零件": "汽車零組件",
  "汽車零配件": "汽車零組件",
  "汽配": "汽車零組件",
  "封測": "半導體封測",
  "半導體封裝測試": "半導體封測",
  "資訊科技": "資訊服務",
  "連鎖餐飲": "餐飲",
};

/** English industry names (lower case, whole words) → the Chinese stem. */
export const ENGLISH_INDUSTRIES: Readonly<Record<string, string>> = {
  "food": "食品",
  "foods": "食品",
  "food processing": "食品",
  "food and beverage": "餐飲",
  "f&b": "餐飲",
  "restaurant": "餐飲",
  "restaurants": "餐飲",
  "catering": "餐飲",
  "beverage": "飲料",
  "beverages": "飲料",
  "software": "軟體",
  "electronics": "電子",
  "electronic": "電子",
  "semiconductor": "半導體",
  "semiconductors": "半導體",
  "osat": "半導體封測",
  "ic design": "IC設計",
  "it services": "資訊服務",
  "it service": "資訊服務",
  "information services": "資訊服務",
  "information technology": "資訊服務",
  "optoelectronics": "光電",
  "telecom": "電信",
  "telecommunications": "電信",
  "e-commerce": "電子商務",
  "ecommerce": "電子商務",
  "gaming": "遊戲",
  "games": "遊戲",
  "textile": "紡織",
  "textiles": "紡織",
  "apparel": "成衣",
  "manufacturing": "製造",
  "machinery": "機械",
  "precision machinery": "精密機械",
  "automotive": "汽車",
  "automotive parts": "汽車零組件",
  "auto parts": "汽車零組件",
  "bicycle": "自行車",
  "bicycles": "自行車",
  "steel": "鋼鐵",
  "metal": "金屬",
  "metals": "金屬",
  "chemical": "化工",
  "chemicals": "化工",
  "plastics": "塑膠",
  "rubber": "橡膠",
  "petrochemical": "石化",
  "paper": "造紙",
  "printing": "印刷",
  "glass": "玻璃",
  "furniture": "家具",
  "biotech": "生物科技",
  "biotechnology": "生物科技",
  "medical devices": "醫療器材",
  "medical": "醫療",
  "healthcare": "醫療",
  "pharmaceutical": "製藥",
  "pharmaceuticals": "製藥",
  "finance": "金融",
  "financial services": "金融",
  "insurance": "保險",
  "banking": "銀行",
  "construction": "營造",
  "real estate": "不動產",
  "logistics": "物流",
  "shipping": "航運",
  "transportation": "運輸",
  "tourism": "觀光",
  "travel": "旅遊",
  "hotel": "旅館",
  "hotels": "旅館",
  "retail": "零售",
  "wholesale": "批發",
  "trading": "貿易",
  "trade": "貿易",
  "energy": "能源",
  "renewable energy": "綠能",
  "green energy": "綠能",
  "education": "教育",
  "consulting": "顧問",
  "advertising": "廣告",
  "media": "媒體",
  "agriculture": "農",
};

/** English words around an industry name that carry no value (`we are in the … industry`). */
export const ENGLISH_INDUSTRY_FILLER_PATTERN =
  /\b(?:we|we're|are|is|in|the|a|an|our|my|company|companies|industry|sector|business|field|do|work|mainly|mostly|main)\b/gi;

/**
 * Words after a stem that still say the same industry (`軟體開發`, `食品加工`); any other word
 * after a stem (`汽車零件`) makes a different, narrower industry that must not be cut to the stem.
 */
export const INDUSTRY_ACTIVITY_WORDS: readonly string[] = [
  "開發",
  "加工",
  "製造",
  "生產",
  "買賣",
  "銷售",
  "代工",
  "設計",
  "研發",
  "產品",
  "行業",
];

/** Verbs and marks between an industry label and its value (`產業別應該是…`, `industry - …`). */
export const INDUSTRY_VERB_PATTERN =
  /^(?:應該算是|应该算是|應該是|应该是|應為|应为|更正為|更正为|更改為|更改为|改成|改為|改为|換成|换成|變成|变成|是|為|为|屬於|属于|算是|算|:|=|-|\s)+/;

/** Words before an industry that carry no value (`我們公司是一家`, `主要是做`, `應該算是`). */
export const INDUSTRY_LEAD_FILLER_PATTERN =
  /^(?:我們公司|我们公司|我的公司|本公司|我們|我们|公司|我|的|一家|一間|一间|一個|一个|在|做|從事|从事|屬於|属于|應該|应该|大概|其實|其实|目前|現在|现在|就是|算是|算|是|為|为|主要是|主要|專門|专门|\s)+/;

/** Words after an industry that carry no value (`…的`, `…公司`, `…相關`, `…廠`). */
export const INDUSTRY_TRAIL_FILLER_PATTERN =
  /(?:的|公司|工廠|工厂|廠|厂|這行|这行|相關|相关|方面|領域|领域|類|类|\s)+$/;

/** Words that introduce an industry inside a sentence (`我們是…`, `屬於…`, `做…`). */
export const INDUSTRY_INTRO_PATTERN = /是|屬於|属于|為|为|從事|从事|做|:/g;

/** The last character of an `X業` that is not an industry: 企業, 事業, 專業, 作業, 就業, 創業… */
export const NOT_INDUSTRY_TAIL_PATTERN = /[企事專专作營营畢毕就創创同本職职學学失開开停休產产]$/;
