/**
 * The conversation's vocabulary, in one place: every word set the engines and parsers
 * recognise (yes, no and none, finish, confirm, correction, delete, skip, question markers,
 * hedges, measure words, money units and currencies, and so on). Nothing outside this module
 * defines a word list, so a word added here is understood everywhere at once, and two readers
 * can no longer disagree about it.
 *
 * Sets are matched against normalised text (`parsing/normalize.ts`): full-width forms are
 * already ASCII, and Simplified Chinese has been converted to Traditional
 * (`parsing/script.ts`), so Simplified spellings are listed only where a parser may see raw
 * text.
 *
 * @module
 */

export * from "./answers.ts";
export * from "./commands.ts";
export * from "./questions.ts";
export * from "./company_labels.ts";
export * from "./industries.ts";
export * from "./certifications.ts";
export * from "./product_labels.ts";
export * from "./units.ts";
export * from "./claims.ts";
export * from "./connectives.ts";
export * from "./help_topics.ts";
