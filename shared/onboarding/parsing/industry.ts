/**
 * Reading the industry (產業別) out of a sentence. The old system stored the whole message
 * ("1", "hello" and all); here a value is returned only when the text actually names one.
 */

import { isQuestion } from "../lexicon/mod.ts";
import { normalizeText, stripEdgeNoise } from "./normalize.ts";

/**
 * Common Taiwanese industry stems, without the trailing 業. A bare stem (`半導體`, `紡織`) or
 * `我們是做軟體的` is returned with 業 added (`半導體業`, `紡織業`, `軟體業`) so the stored
 * value reads like the examples in the contract (電子業, 食品業).
 */
export const INDUSTRY_STEMS: readonly string[] = [
  "電子",
  "半導體",
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

// Longest first, so 生技醫療 wins over 生技 and 資訊服務 over 資訊.
const STEMS_BY_LENGTH = [...INDUSTRY_STEMS].sort((a, b) => b.length - a.length);

const LABEL_RE =
  /所屬產業|所属产业|產業類別|产业类别|產業別|产业别|行業別|行业别|產業|产业|行業|行业|industry/i;
const VERB_RE =
  /^(?:應該是|应该是|應為|应为|更正為|更正为|更改為|更改为|改成|改為|改为|換成|换成|變成|变成|是|為|为|屬於|属于|算是|:|=|\s)+/;
const LEAD_FILLER_RE =
  /^(?:我們公司|我们公司|我的公司|本公司|我們|我们|公司|我|的|一家|一間|一间|一個|一个|在|做|從事|从事|屬於|属于|算是|是|為|为|主要是|主要|專門|专门|\s)+/;
const TRAIL_FILLER_RE = /(?:的|公司|這行|这行|相關|相关|方面|領域|领域|類|类|\s)+$/;
const INTRO_RE = /是|屬於|属于|為|为|從事|从事|做|:/g;
// X業 that is not an industry: 企業, 事業, 專業, 作業, 營業, 畢業, 就業, 創業…
const NOT_INDUSTRY_TAIL = /[企事專专作營营畢毕就創创同本職职學学失開开停休產产]$/;
const PHRASE_RE = /^([A-Za-z0-9\u4e00-\u9fff]{1,8}?)(產業|产业|業|业)(?![務务界])/;

/**
 * Extracts the industry named in a sentence: `我的公司是電子業` → `電子業`, `我們屬於食品業。`
 * → `食品業`, `產業別：半導體業` → `半導體業`, `產業別應該是食品業` → `食品業`, `半導體` →
 * `半導體業`, `我們是做軟體的` → `軟體業`; any `X業` (X of 1–8 characters) after 是/屬於/為/從事/：
 * is accepted. After an explicit label (產業別：醫美診所) any short phrase is taken as written.
 * Returns null for text that names no industry (`你好`, `500萬`, questions such as
 * `什麼是新型專利？`, `中小企業`).
 */
export function extractIndustry(text: string): string | null {
  const t = stripEdgeNoise(normalizeText(text));
  if (t === "" || isQuestion(t)) return null;
  const label = t.match(LABEL_RE);
  if (label) {
    const rest = t.slice(label.index! + label[0].length).replace(VERB_RE, "");
    const value = firstClause(rest);
    if (value !== "") {
      const named = canonical(value, true);
      if (named !== null) return named;
    }
  }
  for (const intro of t.matchAll(INTRO_RE)) {
    const named = canonical(firstClause(t.slice(intro.index! + intro[0].length)), false);
    if (named !== null) return named;
  }
  for (const clause of t.split(/[,;。、\n]/)) {
    const named = canonical(clause, false, true);
    if (named !== null) return named;
  }
  return null;
}

function firstClause(s: string): string {
  return s.split(/[,;。、\n]/)[0].trim();
}

/**
 * Turns a candidate phrase into an industry name, or null. By default a phrase that merely
 * starts with the industry is accepted (電子業的公司); `whole` requires nothing but the industry,
 * since a bare clause has no 是/屬於 to vouch for it; `labelled` (after 產業別) also accepts any
 * short phrase as written.
 */
function canonical(raw: string, labelled: boolean, whole = false): string | null {
  const s = raw.replace(LEAD_FILLER_RE, "").replace(TRAIL_FILLER_RE, "").trim();
  if (s === "") return null;
  const phrase = s.match(PHRASE_RE);
  if (phrase && (!whole || phrase[0].length === s.length)) {
    const [, stem, suffix] = phrase;
    if (NOT_INDUSTRY_TAIL.test(stem) || /^\d+$/.test(stem)) return null;
    if (suffix === "業" || suffix === "业" || INDUSTRY_STEMS.includes(stem)) return `${stem}業`;
    return `${stem}${suffix}`;
  }
  const stem = STEMS_BY_LENGTH.find((k) => whole || labelled ? s === k : s.startsWith(k));
  if (stem !== undefined && (stem.length > 1 || s === stem)) return `${stem}業`;
  if (labelled && s.length <= 12 && /^[A-Za-z0-9\u4e00-\u9fff ]+$/.test(s) && !/^[\d ]+$/.test(s)) {
    return s;
  }
  return null;
}
