/**
 * The words around numbers: measure words that make a number a count, money units and
 * multipliers, the currencies a capital may (and may not) be given in, suffixes that make a
 * number something else (a year, a percentage, a headcount), zero words, range words, and the
 * words that contain a number character without being a number (`一些`, `第一`).
 *
 * Lists are kept as plain arrays of words so a reviewer can read them; the patterns built from
 * them are what the parsers use. Matched against normalised text (full-width is ASCII).
 *
 * @module
 */

/** Builds `(?:a|b|c)` from words, longest first, with regex metacharacters escaped. */
function alternation(words: readonly string[]): string {
  const sorted = [...words].sort((a, b) => b.length - a.length);
  return `(?:${sorted.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`;
}

/** Measure words that make a number a count (10件, 兩個, 三份, 十二項, 5張). */
export const COUNT_CLASSIFIERS: readonly string[] = [
  "件",
  "個",
  "个",
  "項",
  "项",
  "張",
  "张",
  "份",
  "種",
  "种",
  "款",
  "筆",
  "笔",
  "篇",
  "支",
  "組",
  "组",
  "套",
  "本",
  "枚",
  "類",
  "类",
  "樣",
  "样",
];

/** A count's measure word right at the start of the text after a number. */
export const COUNT_CLASSIFIER_PATTERN = new RegExp(`^\\s*${alternation(COUNT_CLASSIFIERS)}`);

/** Words after a number that make it a date, money or a percentage, never a count. */
export const NOT_COUNT_SUFFIXES: readonly string[] = [
  "年",
  "月",
  "日",
  "號",
  "号",
  "%",
  "元",
  "塊",
  "块",
  "萬元",
  "歲",
  "岁",
  "點",
  "点",
  "倍",
  "成",
  "天",
  "小時",
  "分鐘",
  "人",
  "名",
  "家",
  "位",
];

/** A not-a-count suffix right after a number. */
export const NOT_COUNT_SUFFIX_PATTERN = new RegExp(`^\\s*${alternation(NOT_COUNT_SUFFIXES)}`, "i");

/**
 * Words after a number that make it a date, count, percentage or size, never an amount: every
 * count measure word, and these.
 */
export const NOT_MONEY_SUFFIXES: readonly string[] = [
  ...COUNT_CLASSIFIERS,
  "年",
  "月",
  "日",
  "號",
  "号",
  "人",
  "名",
  "家",
  "%",
  "歲",
  "岁",
  "次",
  "位",
  "條",
  "条",
  "樓",
  "楼",
  "天",
  "週",
  "周",
  "小時",
  "倍",
  "成",
  "間",
  "间",
  "坪",
  "公斤",
  "kg",
  "噸",
  "吨",
];

/** A not-money suffix right after a number. */
export const NOT_MONEY_SUFFIX_PATTERN = new RegExp(`^\\s*${alternation(NOT_MONEY_SUFFIXES)}`, "i");

/**
 * Multipliers written after an amount, by value: English (`500k`, `1.8M`, `3 million`) and
 * the Taiwanese shorthand `w` for 萬 (`80w`).
 */
export const AMOUNT_MULTIPLIERS: Readonly<Record<string, number>> = {
  k: 1e3,
  thousand: 1e3,
  w: 1e4,
  m: 1e6,
  mn: 1e6,
  mil: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
};

/** A multiplier right after a number (not the start of a longer English word). */
export const AMOUNT_MULTIPLIER_PATTERN = new RegExp(
  `^\\s*(${alternation(Object.keys(AMOUNT_MULTIPLIERS))})(?![a-z])`,
  "i",
);

/** New Taiwan dollar words that may stand before an amount (`NT$ 3,000,000`, `新台幣500萬`). */
export const TWD_PREFIXES: readonly string[] = [
  "NT$",
  "NTD",
  "NT",
  "TWD",
  "$",
  "新台幣",
  "新臺幣",
  "台幣",
  "臺幣",
];

/** A TWD prefix at the end of the text before a number. */
export const TWD_PREFIX_PATTERN = new RegExp(`${alternation(TWD_PREFIXES)}\\s*$`, "i");

/** Money words that may follow an amount (`500元`, `300萬台幣`, `3,000,000 NTD`). */
export const MONEY_SUFFIXES: readonly string[] = [
  "元",
  "塊",
  "块",
  "圓",
  "新台幣",
  "新臺幣",
  "台幣",
  "臺幣",
  "NTD",
  "TWD",
  "NT",
  "dollars",
  "dollar",
];

/** A money word right after a number. */
export const MONEY_SUFFIX_PATTERN = new RegExp(
  `^\\s*${alternation(MONEY_SUFFIXES)}(?![a-z])`,
  "i",
);

/**
 * Words that say explicitly that the currency is the New Taiwan dollar (unlike `元` or `$`,
 * which only say "money"): with one of these, a foreign currency mentioned elsewhere in the
 * message does not make the amount doubtful.
 */
export const EXPLICIT_TWD_PATTERN =
  /NT\$|(?<![A-Za-z])(?:NTD|TWD|NT)(?![A-Za-z])|新台幣|新臺幣|台幣|臺幣/i;

/** Currencies other than the New Taiwan dollar: the capital must be given in NT$. */
export const FOREIGN_CURRENCIES: readonly string[] = [
  "人民幣",
  "人民币",
  "RMB",
  "CNY",
  "USD",
  "US$",
  "US dollars",
  "美金",
  "美元",
  "日圓",
  "日元",
  "日幣",
  "日币",
  "円",
  "JPY",
  "港幣",
  "港币",
  "港元",
  "HKD",
  "HK$",
  "歐元",
  "欧元",
  "EUR",
  "€",
  "韓元",
  "韓幣",
  "KRW",
  "英鎊",
  "GBP",
  "£",
  "¥",
  "￥",
  "SGD",
  "新加坡幣",
  "澳幣",
  "AUD",
  "泰銖",
  "THB",
  "越南盾",
  "VND",
];

/** Any foreign currency word (English codes as whole words: `EUR` is not in `EUROPE`). */
export const FOREIGN_CURRENCY_PATTERN = new RegExp(
  `(?<![A-Za-z])${alternation(FOREIGN_CURRENCIES)}(?![A-Za-z])`,
  "i",
);

/** A foreign currency word right after a number (`100萬美元`, `5000 USD`). */
export const FOREIGN_CURRENCY_AFTER_PATTERN = new RegExp(
  `^\\s*${alternation(FOREIGN_CURRENCIES)}(?![A-Za-z])`,
  "i",
);

/** A foreign currency word right before a number (`USD 100,000`, `US$5000`, `人民幣500萬`). */
export const FOREIGN_CURRENCY_BEFORE_PATTERN = new RegExp(
  `(?<![A-Za-z])${alternation(FOREIGN_CURRENCIES)}\\s*$`,
  "i",
);

/** Words that say "none" inside a count answer (`沒有`, `無`, `尚未`, `零`, `none`, `N/A`). */
export const ZERO_WORD_PATTERN =
  /沒有|没有|沒|没|無|无|尚未|還未|还未|未曾|並未|零|\b(?:none|no|nil|zero|n\/a|na)\b/i;

/** Phrases that contain a "none" word without meaning zero (沒錯 = right, 無法 = cannot). */
export const NOT_ZERO_PATTERN =
  /沒錯|没错|沒問題|没问题|沒關係|没关系|無法|无法|無論|无论|無所謂|有沒有|有没有|是否/g;

/**
 * Emphatic "not a single one": `一項也沒有`, `一個都沒有`, `半件都沒有`. The 一 here is not a
 * count of one, so the whole phrase is read as zero.
 */
export const EMPHATIC_ZERO_PATTERN = new RegExp(
  `(?:一|半)\\s*${alternation(COUNT_CLASSIFIERS)}?\\s*(?:都|也)\\s*(?:沒有|没有|沒|没|無|无)`,
  "g",
);

/**
 * Words between two numbers that make them a range or a choice (`5~6件`, `十到二十件`,
 * `10或12件`, `500 to 600`): one number was not given.
 */
export const RANGE_WORDS: readonly string[] = [
  "-",
  "~",
  "~~",
  "-~",
  "到",
  "至",
  "或",
  "或是",
  "或者",
  "還是",
  "还是",
  "to",
  "or",
];

/** The whole gap between two numbers is a range word. */
export const RANGE_GAP_PATTERN = new RegExp(`^${alternation(RANGE_WORDS)}$`, "i");

/**
 * A unit that may close the first number of a range before the range word (`5件到6件`,
 * `500萬元到600萬`, `300k-400k`), stripped before the gap is compared with the range words.
 */
export const RANGE_GAP_LEADING_UNIT_PATTERN = new RegExp(
  `^\\s*${
    alternation([
      ...COUNT_CLASSIFIERS,
      ...MONEY_SUFFIXES,
      ...Object.keys(AMOUNT_MULTIPLIERS),
      "萬元",
    ])
  }?\\s*`,
  "i",
);

/**
 * Characters after a single Chinese digit that make it part of a word, not a number
 * (一些, 一起, 一樣, 一定, 一下, 一點, 一律, 十分, 一般…).
 */
export const NUMBER_WORDS_AFTER: readonly string[] = [
  "些",
  "共",
  "直",
  "起",
  "樣",
  "样",
  "般",
  "定",
  "下",
  "切",
  "點",
  "点",
  "律",
  "再",
  "同",
  "致",
  "旦",
  "向",
  "邊",
  "边",
  "方",
  "面",
  "分",
  "心",
  "手",
  "口",
  "氣",
  "番",
  "毛",
  "度",
  "概",
  "連",
  "來",
  "貫",
  "元化",
  "味",
  "身",
  "舉",
  "流",
  "級",
  "體",
  "明治",
  "處",
];

/** A word-forming character right after a single Chinese digit. */
export const NUMBER_WORD_AFTER_PATTERN = new RegExp(`^${alternation(NUMBER_WORDS_AFTER)}`);

/** Characters before a single Chinese digit that make it a word (第一, 唯一, 統一, 星期一…). */
export const NUMBER_WORDS_BEFORE: readonly string[] = [
  "第",
  "唯",
  "統",
  "统",
  "星期",
  "禮拜",
  "礼拜",
  "週",
  "周",
  "其",
  "之",
  "初",
];

/** A word-forming character right before a single Chinese digit. */
export const NUMBER_WORD_BEFORE_PATTERN = new RegExp(`${alternation(NUMBER_WORDS_BEFORE)}$`);

/**
 * English words that may stand right before a number in a sentence (`about 12`, `10 or 12`,
 * `we have 3`, `capital is 5 million`). Any other letters right before a number make it part
 * of a code or standard name (`ISO 9001`, `RE100`, `IFRS S2`), which is never a value.
 */
export const ENGLISH_WORDS_BEFORE_NUMBER: ReadonlySet<string> = new Set([
  "a",
  "about",
  "almost",
  "and",
  "approx",
  "approximately",
  "are",
  "around",
  "be",
  "capital",
  "got",
  "had",
  "has",
  "have",
  "is",
  "just",
  "maybe",
  "nearly",
  "of",
  "only",
  "or",
  "own",
  "roughly",
  "to",
  "total",
  "was",
  "we",
]);

/**
 * Bounds rather than values: `超過100件`, `至少3個`, `100件以上`, `不到500萬`, `100+`. The user
 * did not give the number itself, so nothing is stored.
 */
export const BOUND_BEFORE_PATTERN =
  /(?:超過|超过|多於|多于|大於|大于|高於|高于|至少|最少|起碼|起码|不到|少於|少于|小於|小于|低於|低于|未滿|未满|不超過|不超过|最多|頂多|顶多|over|more than|less than|at least|at most|under|>|<)\s*$/i;

/** A bound word right after a number (`100件以上`, `500萬以下`, `100+`). */
export const BOUND_AFTER_PATTERN =
  /^\s*(?:[件個个項项張张份種种款家組组套萬万元塊]\s*)*(?:以上|以下|以內|以内|之內|之内|不到|\+|or more|or less|plus)/i;
