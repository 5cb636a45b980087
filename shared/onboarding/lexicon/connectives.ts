/**
 * The small words around the facts: conjunctions that join clauses, sentence particles, polite
 * tails, and the filler words that carry no value of their own.
 *
 * @module
 */

/** Where one clause may end and the next begin: punctuation and conjunctions (和, 以及, 另外…). */
export const CLAUSE_SEPARATOR_PATTERN = /[,;。\n!?、|]|以及|還有|还有|另外|而且|和|及|與|与|跟/g;

/** Between the items of a list (`ISO 9001、ISO 14001和GRI`, `iso14064/14067`, `A & B`). */
export const LIST_SEPARATOR_PATTERN =
  /[、,;/\n&+|]|以及|還有|还有|和|及|與|与|跟|\band\b|\s+(?=ISO)/i;

/** Sentence-final particles (`沒有喔`, `好啦`): tone, not content. */
export const SENTENCE_PARTICLES = "啊喔呀啦吧哦耶唷囉嘍欸呢";

/** A polite or emphatic tail after a value (`1200元才對`, `720元喔`, `…謝謝`). */
export const POLITE_TAIL_PATTERN = /\s*(?:才對|才对|喔|哦|啦|唷|吧|謝謝|谢谢)+\s*$/;

/**
 * Words around a labelled value that carry no value themselves: a clause left with nothing
 * else gave a label but no value (`有發明專利` → unknown count) and is ignored, not refused.
 */
export const FACT_FILLER_PATTERN =
  /[\s:=,;。、!()~]|是|為|为|有|共|總共|总共|我們|我们|公司|目前|現在|的|了|大概|大約|大约|約|约|相關|相关|資料|资料|部分|方面|數量|数量|謝謝|谢谢|喔|哦|呢|吧/g;
