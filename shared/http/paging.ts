/**
 * The query parameters of a paged list, validated and documented alike by every list route:
 * offset pages (`limit`, `offset`) and keyset pages (`limit`, `cursor`); and the shape of a
 * keyset page's response.
 *
 * @module
 */
import { z } from "zod";

/** `limit`: a page's size, 1 to `max`, `fallback` when absent. */
export function pageLimit(max: number, fallback: number) {
  return z.coerce.number().int().min(1).max(max).default(fallback).meta({
    param: { description: `Page size (1–${max})` },
    example: fallback,
  });
}

/** `offset`: how many of the list's `items` (`"Sessions"`) to skip, 0 to 1,000,000. */
export function pageOffset(items: string) {
  return z.coerce.number().int().min(0).max(1_000_000).default(0).meta({
    param: { description: `${items} to skip` },
    // Spelled out: the generator reads a coerced zero minimum as nullable.
    type: "integer",
    minimum: 0,
    maximum: 1_000_000,
    default: 0,
    example: 0,
  });
}

/**
 * `cursor`: the `next_cursor` of the previous page of a keyset-paginated list (a positive id
 * as a string), parsed to a number; absent for the first page.
 */
export function keysetCursor() {
  return z.string().regex(/^[1-9][0-9]{0,14}$/).transform(Number).optional().meta({
    param: { description: "`next_cursor` of the previous page" },
  });
}

/**
 * A keyset page's response, documented under `id`: `items`, and `next_cursor` (described by
 * `nextCursor`), the `cursor` of the following page.
 */
export function keysetPage<T extends z.ZodType>(
  item: T,
  id: string,
  nextCursor = "null on the last page",
) {
  return z.strictObject({
    items: z.array(item),
    next_cursor: z.string().nullable().meta({ description: nextCursor }),
  }).meta({ id });
}
