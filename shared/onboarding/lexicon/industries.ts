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
  "汽車零部件": "汽車零組件",
  "生物技術": "生物科技",
  "傳產": "傳統產",
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
  "textile manufacturing": "紡織",
  "garment": "成衣",
  "garments": "成衣",
  "clothing": "服飾",
  "fashion": "服飾",
  "food manufacturing": "食品",
  "food service": "餐飲",
  "hospitality": "觀光",
  "electronic components": "電子零組件",
  "consumer electronics": "電子",
  "pcb": "印刷電路板",
  "semiconductor manufacturing": "半導體",
  "it": "資訊服務",
  "information technology services": "資訊服務",
  "tech": "科技",
  "technology": "科技",
  "saas": "軟體",
  "software development": "軟體",
  "internet": "網路",
  "logistic": "物流",
  "freight": "物流",
  "warehousing": "倉儲",
  "distribution": "批發",
  "retailing": "零售",
  "online retail": "電子商務",
  "import and export": "貿易",
  "import export": "貿易",
  "import-export": "貿易",
  "trading company": "貿易",
  "manufacturer": "製造",
  "industrial machinery": "機械",
  "machine tools": "工具機",
  "machine tool": "工具機",
  "cosmetics": "化妝品",
  "cosmetic": "化妝品",
  "beauty": "美容",
  "personal care": "化妝品",
  "biotechnology and pharmaceuticals": "生技醫療",
  "life sciences": "生物科技",
  "pharma": "製藥",
  "medical device": "醫療器材",
  "health care": "醫療",
  "building": "營造",
  "civil engineering": "營造",
  "architecture": "建築",
  "property": "不動產",
  "travel agency": "旅行",
  "tourism and hospitality": "觀光",
  "training": "教育",
  "financial": "金融",
  "fintech": "金融科技",
  "accounting": "會計",
  "marketing": "行銷",
  "design": "設計",
  "entertainment": "娛樂",
  "publishing": "出版",
  "packaging": "包裝",
  "plastic": "塑膠",
  "mold": "模具",
  "molds": "模具",
  "mould": "模具",
  "moulds": "模具",
  "aerospace": "航太",
  "solar": "太陽能",
  "environmental": "環保",
  "recycling": "環保",
  "fishery": "漁",
  "fisheries": "漁",
  "aquaculture": "水產養殖",
  "dairy": "乳品",
  "bakery": "烘焙",
  "tea": "茶",
  "coffee": "咖啡",
  "footwear": "製鞋",
  "shoes": "製鞋",
  "toys": "玩具",
  "services": "服務",
  "service": "服務",
};

/** English words around an industry name that carry no value (`we are in the … industry`). */
export const ENGLISH_INDUSTRY_FILLER_PATTERN =
  /\b(?:we're|we are|it's|we|are|is|in|the|a|an|our|my|company|companies|firm|industry|sector|business|field|do|work|mainly|mostly|main|its)\b/gi;

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

/**
 * English words after a line of business (`textile manufacturer`, `food producer`): the line
 * of business is what comes before them.
 */
export const ENGLISH_INDUSTRY_TAIL_PATTERN =
  /\s+(?:manufacturers?|manufacturing|makers?|producers?|production|suppliers?|vendors?|companies|company|firms?|products?|business(?:es)?|industry|sector)$/;

/**
 * Words after a line of business that carry no value when the industry is asked (`精密機械
 * 製造商`, `做美容美髮的`, `食品行業`): what is left is the line of business itself, which gets
 * 業 added.
 */
export const INDUSTRY_PHRASE_TAIL_PATTERN =
  /(?:的|製造商|制造商|廠商|厂商|業者|业者|供應商|供应商|商|公司|行業|行业|產業|产业|相關|相关|方面|領域|领域|\s)+$/;

/**
 * Words that make an unlisted phrase a line of business (`五金加工`, `寵物用品`, `花藝設計`,
 * `化妝品`): a short answer to the industry question is taken as written only when it holds a
 * known stem or one of these, so `看情況`, `都有` or `秘密` are asked again, never stored.
 */
export const LINE_OF_BUSINESS_WORDS: readonly string[] = [
  ...INDUSTRY_ACTIVITY_WORDS,
  "代理",
  "進口",
  "用品",
  "零件",
  "零組件",
  "配件",
  "設備",
  "器材",
  "材料",
  "工程",
  "服務",
  "鑄造",
  "模具",
  "五金",
  "烘焙",
  "寵物",
  "花藝",
  "美髮",
  "美甲",
  "農產",
  "養殖",
  "種植",
  "保養",
  "電路板",
  "管理",
  "維修",
  "清潔",
  "保全",
  "仲介",
  "出版",
  "包裝",
  "運動",
  "健身",
  "婚紗",
  "攝影",
  "租賃",
  "回收",
  "照護",
  "補習",
  "咖啡",
  "茶",
  "飲",
  "酒",
  "光學",
  "品",
  "機",
];

/** Names that end in a place of business (`醫美診所`, `咖啡店`, `補習中心`) get no 業 added. */
export const INDUSTRY_INSTITUTION_END_PATTERN = /(?:店|行|所|館|馆|院|中心|公司|班|社)$/;

/**
 * Words that make a short phrase a sentence, a question or chatter rather than a line of
 * business (pronouns, particles, verbs of saying and asking, not-knowing): `我想問一下`,
 * `還在想`, `不知道耶` are never an industry.
 */
export const NOT_INDUSTRY_PHRASE_PATTERN =
  /我|你|妳|您|他們|她們|嗯|恩|哈|呵|欸|嗎|吗|呢|吧|啦|嘛|耶|喔|哦|了|請|请|問|问|說|说|知道|謝|谢|沒|没|不是|不知|不確|不确|不清|不要|不用|不想|還在|还在|可以|什麼|什么|怎麼|怎么|哈哈|測試|测试|隨便|随便|等等|一下|幫|帮|告訴|告诉|填|資料|资料|結束|结束|完成|跳過|跳过|略過|略过|取消|算了|重來|重来|重新|開始|开始|繼續|继续|下一|上一|返回|很|非常|一般|普通|正常|團隊|团队|大家|同事|老闆|老板|都做|^(?:要|想|先|再|來|来|去|會|会|能|該|该)/;
