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
 * - `invalid`: present but unusable (a range such as 500~600萬, a fraction where an integer is
 *   needed, several conflicting numbers, a malformed number).
 */
export type ParseFailure = "missing" | "negative" | "range" | "too_large" | "invalid";

/** Either `{ ok: true, value }` or `{ ok: false, reason }`. */
export type ParseOutcome<T> = { ok: true; value: T } | { ok: false; reason: ParseFailure };

/** Builds a successful outcome holding `value`. */
export function success<T>(value: T): ParseOutcome<T> {
  return { ok: true, value };
}

/** Builds a failed outcome carrying `reason`. */
export function failure<T>(reason: ParseFailure): ParseOutcome<T> {
  return { ok: false, reason };
}
