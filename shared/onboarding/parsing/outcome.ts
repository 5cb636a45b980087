/**
 * The result shape shared by every value parser: either a value or the reason it was refused,
 * so the engine can phrase a precise re-ask instead of a generic "I did not understand".
 */

/**
 * Why a value was refused:
 * - `missing`: no value of the wanted kind was found at all;
 * - `negative`: the value carried a minus sign or 負;
 * - `range`: outside the allowed range on the low side (e.g. a capital of 0);
 * - `too_large`: above the allowed maximum;
 * - `invalid`: present but unusable (a fraction where an integer is needed, an approximation
 *   such as 十幾件 or 100件以上, scientific notation, a malformed number);
 * - `ambiguous`: a range or a choice (`三四件`, `5~6件`, `10或12件`) or two different numbers,
 *   where one number is needed;
 * - `foreign_currency`: an amount in a currency other than the New Taiwan dollar (`100萬美元`);
 * - `implausible`: a value that reads clearly but is unlikely (a capital under NT$1,000); the
 *   outcome carries it so the user can be asked to confirm it.
 */
export type ParseFailure =
  | "missing"
  | "negative"
  | "range"
  | "too_large"
  | "invalid"
  | "ambiguous"
  | "foreign_currency"
  | "implausible";

/**
 * Either `{ ok: true, value }` (with `hedged: true` when the user qualified the value, as in
 * `大約12件`: it is kept, and the acknowledgement says it can be corrected) or
 * `{ ok: false, reason }` (with the `value` read when the reason is `implausible`).
 */
export type ParseOutcome<T> =
  | { ok: true; value: T; hedged?: true }
  | { ok: false; reason: ParseFailure; value?: T };

/** Builds a successful outcome holding `value`, marked hedged when `hedged` is true. */
export function success<T>(value: T, hedged = false): ParseOutcome<T> {
  return hedged ? { ok: true, value, hedged: true } : { ok: true, value };
}

/** Builds a failed outcome carrying `reason` (and the value read, for `implausible`). */
export function failure<T>(reason: ParseFailure, value?: T): ParseOutcome<T> {
  return value === undefined ? { ok: false, reason } : { ok: false, reason, value };
}
