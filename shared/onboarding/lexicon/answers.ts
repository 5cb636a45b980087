/**
 * Words that answer a question as a whole: yes, no, none, skip, finish, confirm, reject, and
 * the greetings that answer nothing. Whole-message sets are compared with the message reduced
 * by `compact` (normalised, edge punctuation and particles stripped, no spaces, lower case).
 *
 * @module
 */

/** A plain yes as the whole message (`有`, `是`, `好`…); `有機肥料` is not one. */
export const YES_WORDS: ReadonlySet<string> = new Set([
  "有",
  "有的",
  "有喔",
  "有啊",
  "還有",
  "是",
  "是的",
  "對",
  "要",
  "好",
  "好的",
  "可以",
  "嗯",
  "yes",
  "y",
  "ok",
  "okay",
]);

/** A plain no as the whole message (none-answers and finish words also count as no). */
export const NO_WORDS: ReadonlySet<string> = new Set(["不", "否", "不要", "沒", "no", "n", "nope"]);

/** "I am done" as the whole message (`完成`, `沒有了`, `就這樣`, `done`…). */
export const FINISH_WORDS: ReadonlySet<string> = new Set([
  "完成",
  "完成了",
  "結束",
  "結束了",
  "沒有了",
  "沒了",
  "沒有其他",
  "沒有其他了",
  "沒有其他產品",
  "沒有其他產品了",
  "沒有別的了",
  "沒有更多",
  "沒有更多了",
  "不用了",
  "不用",
  "不需要",
  "不需要了",
  "就這樣",
  "就這樣了",
  "就這些",
  "就這些了",
  "先這樣",
  "先這樣吧",
  "先這樣就好",
  "好了",
  "都好了",
  "填完了",
  "我填完了",
  "done",
  "finish",
  "finished",
  "nomore",
  "that'sall",
  "thatsall",
]);

/**
 * Finish phrases that may open or close a longer message (`就這些了，結束`, `好了，完成`): a
 * message made only of these (and punctuation) is a finish request.
 */
export const FINISH_PHRASES: readonly string[] = [
  "就這些了",
  "就這些",
  "就這樣了",
  "就這樣",
  "先這樣",
  "沒有了",
  "沒有其他了",
  "結束了",
  "結束",
  "完成了",
  "完成",
  "填完了",
  "好了",
  "謝謝",
];

/**
 * Words that may open a finish request without being one (`OK 就這樣，結束`, `好，完成`,
 * `嗯，就這些`): alone they are a yes, before finish phrases they only agree.
 */
export const FINISH_LEAD_INS: readonly string[] = [
  "okay",
  "ok",
  "好的",
  "好喔",
  "好",
  "嗯嗯",
  "嗯",
  "恩",
  "那就",
  "那",
];

/**
 * "Not finished yet" as the whole message (`尚未完成`, `還沒結束`): neither a finish request nor
 * a "no" answer (the 還沒 in it is not a count of 0).
 */
export const NOT_FINISHED_PATTERN =
  /^(?:還|还|都|也)?(?:沒有|没有|沒|没|尚未|未)(?:完成|結束|结束|填完|填好|好)(?:了|喔|呢|啦)?$/;

/** A confirmation of the summary as the whole message (`確認`, `正確`, `是`, `沒錯`, `ok`…). */
export const CONFIRM_WORDS: ReadonlySet<string> = new Set([
  "確認",
  "確認無誤",
  "確認完成",
  "確認送出",
  "確定",
  "正確",
  "正確無誤",
  "都正確",
  "資料正確",
  "是",
  "是的",
  "對",
  "對的",
  "沒錯",
  "沒問題",
  "好",
  "好的",
  "可以",
  "ok",
  "okay",
  "yes",
  "y",
  "correct",
  "confirm",
]);

/** A rejection of the summary that does not say what to change (`不對`). */
export const REJECT_WORDS: ReadonlySet<string> = new Set([
  "不",
  "否",
  "不是",
  "不對",
  "不正確",
  "不確認",
  "有錯",
  "錯了",
  "no",
]);

/** English yes words (whole words only: `know` is not `no`). */
export const EN_YES_WORDS: ReadonlySet<string> = new Set([
  "yes",
  "y",
  "yeah",
  "yep",
  "yup",
  "ok",
  "okay",
  "sure",
  "true",
  "correct",
]);

/** English no words (whole words only). */
export const EN_NO_WORDS: ReadonlySet<string> = new Set([
  "no",
  "n",
  "nope",
  "none",
  "n/a",
  "na",
  "nil",
  "false",
  "-",
]);

/** Negative words inside a Chinese answer (`沒有`, `不是`, `不需要`…). */
export const NO_PATTERN =
  /沒有|没有|沒|没|無|无|否|不是|不要|不用|不需要|不需|不必|不對|不对|不行|不好|不正確|不确定|並未|尚未|還沒|还没|取消/;

/** Affirmative words inside a Chinese answer (`有`, `是`, `對`, `確認`…). */
export const YES_PATTERN =
  /有|是|對|对|好|要|正確|正确|確認|确认|確定|确定|當然|当然|嗯|可以|需要|沒錯|没错|沒問題|没问题|不錯|不错|同意|OK/i;

/** Affirmative phrases that contain a negative character (`沒錯`, `沒問題`, `無誤`, `不錯`). */
export const YES_WITH_NEGATIVE_PATTERN =
  /沒錯|没错|沒有問題|没有问题|沒問題|没问题|無誤|无误|不錯|不错/g;

/** Greetings: they contain 好 but answer nothing. */
export const GREETING_PATTERN = /你好|您好|大家好|哈囉|哈啰|嗨|早安|午安|晚安/g;

/** Greetings and thanks as the whole message: never a product name. */
export const SMALL_TALK_WORDS: ReadonlySet<string> = new Set([
  "謝謝",
  "感謝",
  "你好",
  "您好",
  "哈囉",
  "嗨",
  "hi",
  "hello",
  "thanks",
]);

/** "None" as a whole answer in English and symbols (`none`, `N/A`, `-`, `nil`…). */
export const NONE_WORDS: ReadonlySet<string> = new Set([
  "none",
  "n/a",
  "na",
  "nil",
  "null",
  "no",
  "-",
  "--",
  "nothing",
  "否",
]);

/**
 * "None" as a whole Chinese answer: (目前/都/還/完全…) + 沒有/無 + (任何) + (ESG/相關/的) +
 * (認證/證書/資料) + (了), and the emphatic `一項也沒有`, `半件都沒有`, `完全沒有`.
 */
export const NONE_PATTERN =
  /^(?:我們|我们|公司)?(?:目前|現在|现在|暫時|暂时|都|還|还|尚|暫|暂|並|并|完全|一直|根本|其實|其实|應該|应该|好像|大概)*(?:(?:一|半)(?:件|個|个|項|项|張|张|份|樣|样|個都|件都)?(?:都|也))?(?:沒有|没有|沒|没|無|无)(?:任何)?(?:esg)?(?:相關|相关)?(?:的)?(?:認證|认证|證書|证书|資料|资料|東西|东西|專利|专利)?(?:耶|喔|啦|了)*$/;

/** Words that leave an optional product field empty (`-`, `無`, `跳過`, `skip`…). */
export const SKIP_WORDS: ReadonlySet<string> = new Set([
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

/** A skip word inside a longer text (`價格跳過`, `skip`): the field is to be left empty. */
export const SKIP_PATTERN = /跳過|跳过|略過|略过|省略|不填|不提供|暫無|暂无|\b(?:skip|pass)\b/i;

/**
 * An interjection opening a longer answer, with the pause after it (`嗯…`, `呃，`, `欸~`,
 * `umm,`): it carries nothing. Alone (`嗯`) it is an answer, so a pause must follow.
 */
export const INTERJECTION_LEAD_PATTERN =
  /^(?:嗯+|呃+|欸+|唔+|啊+|喔+|哦+|ㄜ+|ehh*|umm*|uhh*|hmm+)\s*(?:…|\.{2,}|[,，~、])+\s*(?=\S)/i;
