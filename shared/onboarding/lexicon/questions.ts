/**
 * Words that make a message a question or a guess rather than an answer: question markers,
 * hesitations, and the hedges and vagueness words around a number.
 *
 * @module
 */

/** Interrogative words and marks (checked on normalised text, where `？` is `?`). */
export const QUESTION_PATTERN =
  /[?]|什麼|甚麼|什么|啥|何謂|是指|意思|指的是|怎麼|怎么|如何|哪|多少|要不要|是不是|有沒有|有没有|可不可以|能不能|請問|请问|是否|為何|为何|為什麼|为什么|嗎|吗|呢$/;

/**
 * Indefinite uses of a question word, which make a statement (`什麼產品都有一點`,
 * `哪裡都賣`, `多少都有`): the question word is followed, within a few characters, by 都/也.
 */
export const INDEFINITE_PATTERN =
  /(?:什麼|甚麼|什么|啥|哪裡|哪里|哪些|哪一|多少|怎麼|怎么)[^,;。!?\n]{0,8}?(?:都|也)/g;

// Words by which an answer is put off or said to be unknown yet.
const PUT_OFF_WORDS = [
  "不知道",
  "不曉得",
  "不清楚",
  "不確定",
  "還沒定",
  "還沒決定",
  "等一下",
  "等等",
  "晚點",
  "晚一點",
  "稍後",
  "之後再",
  "以後再",
  "再說",
  "隨便",
  "看情況",
  "待定",
  "未定",
  "還沒想",
  "沒想好",
];

/**
 * Hesitation: the user does not know or decide yet (`不知道`, `好像`, `再說`, `有沒有`), or puts
 * the answer off (`等一下`, `看情況`): no yes, no no, no value.
 */
export const UNDECIDED_PATTERN = new RegExp(
  [
    "好像",
    "也許",
    "也许",
    "或許",
    "或许",
    "可能",
    "大概",
    "不晓得",
    "不确定",
    "不一定",
    "不太確定",
    "不太确定",
    "看看",
    "再说",
    ...PUT_OFF_WORDS,
    "([有是要對好])[不沒没]\\1",
  ].join("|"),
);

/**
 * A whole reply that only puts the answer off (`不知道`, `還沒定耶`, `之後再說`): no value for
 * the field that was asked, which is then left empty as if skipped.
 */
export const PUT_OFF_ANSWER_PATTERN = new RegExp(
  `^(?:我們|我|也|還|目前|暫時|先)*(?:${PUT_OFF_WORDS.join("|")})(?:說|耶|啦|欸|喔|吧|了)*$`,
);

/** Hedges around one value (`大約12件`, `差不多500萬`): the value is kept, and said to be so. */
export const HEDGE_PATTERN =
  /大概|大約|大约|約|约|差不多|左右|上下|將近|将近|接近|估計|估计|應該|应该|好像|也許|也许|或許|或许|可能|approximately|approx\.?|about|around|roughly|~\s*(?=[0-9])/i;

/** Vagueness right after a number (`十幾件`, `100多萬`, `二十餘件`): no exact value given. */
export const VAGUE_AFTER_NUMBER_PATTERN = /^\s*(?:幾|几|多|餘|余|來|来|出頭|出头)/;

/**
 * Whether normalised text reads as a question (`什麼是新型專利？`, `資本額要填實收嗎`), not
 * counting indefinite uses of a question word (`什麼產品都有一點` is a statement).
 */
export function isQuestion(text: string): boolean {
  return QUESTION_PATTERN.test(text.replace(INDEFINITE_PATTERN, " "));
}
