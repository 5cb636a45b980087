/**
 * Reading yes/no answers, "none" answers and "skip this optional field" answers. The old
 * system read `沒有` as yes (it contains 有) and `know` as no (it contains `no`); here negatives
 * are checked before affirmatives and English is matched as whole words only.
 */

import { normalizeText, stripEdgeNoise } from "./normalize.ts";

const EN_YES = new Set(["yes", "y", "yeah", "yep", "yup", "ok", "okay", "sure", "true", "correct"]);
const EN_NO = new Set(["no", "n", "nope", "none", "n/a", "na", "nil", "false", "-"]);

// Not an answer at all: questions and hesitation (是否, 有沒有, 不知道, 不確定…).
const UNDECIDED_RE =
  /[?]|嗎|吗|是否|什麼|什么|甚麼|為什麼|如何|怎麼|怎么|([有是要對好])[不沒没]\1|不知道|不曉得|不确定|不確定|不清楚|不一定|不太確定|好像|也許|也许|或許|或许|可能|大概|看看|再說/;
const GREETING_RE = /你好|您好|大家好|哈囉|哈啰|嗨|早安|午安|晚安/g;
// Affirmative phrases that contain a negative character and so must be recognised first.
const YES_WITH_NEGATIVE_RE = /沒錯|没错|沒有問題|没有问题|沒問題|没问题|無誤|无误|不錯|不错/g;
const NO_RE =
  /沒有|没有|沒|没|無|无|否|不是|不要|不用|不需要|不需|不必|不對|不对|不行|不好|不正確|不确定|並未|尚未|還沒|还没|取消/;
const YES_RE =
  /有|是|對|对|好|要|正確|正确|確認|确认|確定|确定|當然|当然|嗯|可以|需要|沒錯|没错|沒問題|没问题|不錯|不错|同意|OK/i;

/**
 * Reads a yes/no answer. Yes: 有, 是, 對, 好, 要, 正確, 確認, 沒錯, 好的, 是的, 有的, yes, y, ok…;
 * no: 沒有, 沒, 無, 否, 不是, 不要, 不用, 不需要, 沒有了, no, n, none, N/A, `-`. Questions and
 * hesitations (`是否`, `有沒有？`, `不知道`) and unrelated English (`know`, `yesterday`) give
 * null. Returns "yes", "no" or null.
 */
export function parseYesNo(text: string): "yes" | "no" | null {
  // Greetings contain 好 but answer nothing.
  const t = stripEdgeNoise(normalizeText(text).replace(GREETING_RE, "")).toLowerCase();
  if (t === "") return null;
  if (/^-+$/.test(t) || t === "n/a") return "no";
  if (UNDECIDED_RE.test(t)) return null;
  const words = t.match(/[a-z/]+/g) ?? [];
  const hasCjk = /[\u3400-\u9fff]/.test(t);
  if (!hasCjk) {
    // English: the first word decides (yes we do / no thanks); anything else is not an answer.
    const first = words[0];
    if (first === undefined) return null;
    if (EN_YES.has(first)) return "yes";
    if (EN_NO.has(first)) return "no";
    return null;
  }
  const cleared = t.replace(YES_WITH_NEGATIVE_RE, "");
  if (cleared !== t && !NO_RE.test(cleared)) return "yes";
  if (NO_RE.test(t)) return "no";
  if (YES_RE.test(t)) return "yes";
  if (words.some((w) => EN_YES.has(w))) return "yes";
  if (words.some((w) => EN_NO.has(w))) return "no";
  return null;
}

// (目前/都/還/尚/暫…) + (沒有/無/没有) + (任何) + (ESG/相關/的) + (認證/證書) + (了).
const NONE_RE =
  /^(?:我們|我们|公司)?(?:目前|現在|现在|暫時|暂时|都|還|还|尚|暫|暂|並|并|完全|一直)*(?:沒有|没有|沒|没|無|无)(?:任何)?(?:esg)?(?:相關|相关)?(?:的)?(?:認證|认证|證書|证书|資料|资料|東西|东西)?(?:了)?$/;
const NONE_WORDS = new Set(["none", "n/a", "na", "nil", "null", "no", "-", "--", "nothing", "否"]);

/**
 * Whether the whole answer means "none" (無, 沒有, 没有, 目前沒有, 沒有認證, 無認證, none, N/A,
 * `-`, nil…). Returns true only for such an answer; a sentence that names something is false.
 */
export function isNoneAnswer(text: string): boolean {
  const t = stripEdgeNoise(normalizeText(text)).toLowerCase().replace(/\s+/g, "");
  if (NONE_WORDS.has(t) || /^-+$/.test(t) || t === "0" || t === "零") return true;
  return NONE_RE.test(t);
}

const SKIP_WORDS = new Set([
  "-",
  "--",
  "/",
  "無",
  "无",
  "沒有",
  "没有",
  "跳過",
  "跳过",
  "略過",
  "略过",
  "略",
  "省略",
  "不填",
  "不提供",
  "暫無",
  "暂无",
  "skip",
  "pass",
  "n/a",
  "na",
  "none",
  "nil",
]);

/**
 * Whether the answer asks to leave an optional product field empty: `-`, `無`, `沒有`, `跳過`,
 * `略過`, `不填`, `skip`, `N/A`… Returns true for such an answer, false for a real value.
 */
export function isSkipAnswer(text: string): boolean {
  const t = stripEdgeNoise(normalizeText(text)).toLowerCase().replace(/\s+/g, "");
  return SKIP_WORDS.has(t) || /^[-/_]+$/.test(t);
}
