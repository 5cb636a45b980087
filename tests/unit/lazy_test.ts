import assert from "node:assert/strict";
import { lazy } from "../../shared/lazy.ts";

Deno.test("lazy: loads once and shares the promise", async () => {
  let loads = 0;
  const load = lazy(() => Promise.resolve(++loads));
  const [a, b] = await Promise.all([load(), load()]);
  assert.equal(a, 1);
  assert.equal(b, 1);
  assert.equal(await load(), 1);
  assert.equal(loads, 1);
});

Deno.test("lazy: a failed load is forgotten, the next call loads again", async () => {
  let loads = 0;
  const load = lazy(() =>
    ++loads === 1 ? Promise.reject(new Error("disk full")) : Promise.resolve(loads)
  );
  await assert.rejects(load(), /disk full/);
  assert.equal(await load(), 2);
  assert.equal(await load(), 2);
});
