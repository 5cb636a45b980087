import assert from "node:assert/strict";
import { SlicedLoopbackPort } from "../../../shared/documents/pdf_worker.ts";
import { LOOP_SLICE_MS, loopYields } from "../../../shared/loop_yield.ts";

/** Resolves once `port` has handed over `count` messages to `received`. */
function collect(port: SlicedLoopbackPort, count: number): Promise<unknown[]> {
  const received: unknown[] = [];
  return new Promise((resolve) => {
    port.addEventListener("message", (event) => {
      received.push(event.data);
      if (received.length === count) resolve(received);
    });
  });
}

function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) { /* a step of synchronous work */ }
}

Deno.test("SlicedLoopbackPort: every listener gets each message, in the order posted, as a copy", async () => {
  const port = new SlicedLoopbackPort();
  const other = collect(port, 3);
  const sent = { n: 1, nested: { text: "資本額" } };
  const received = collect(port, 3);
  port.postMessage(sent);
  port.postMessage({ n: 2 });
  port.postMessage({ n: 3 });
  sent.nested.text = "changed after posting";

  const messages = await received;
  assert.deepEqual(messages, [{ n: 1, nested: { text: "資本額" } }, { n: 2 }, { n: 3 }]);
  assert.notEqual(messages[0], sent);
  assert.deepEqual(await other, messages);
});

Deno.test("SlicedLoopbackPort: listed buffers are transferred, not copied", async () => {
  const port = new SlicedLoopbackPort();
  const received = collect(port, 1);
  const bytes = new Uint8Array([1, 2, 3]);
  port.postMessage({ bytes }, [bytes.buffer]);
  assert.equal(bytes.byteLength, 0, "the sender's buffer is detached");
  const [message] = await received as [{ bytes: Uint8Array }];
  assert.deepEqual([...message.bytes], [1, 2, 3]);
});

Deno.test("SlicedLoopbackPort: a reply posted by a listener comes after the messages already queued", async () => {
  const port = new SlicedLoopbackPort();
  const order: string[] = [];
  const done = new Promise<void>((resolve) => {
    port.addEventListener("message", ({ data }) => {
      order.push(data as string);
      if (data === "ping") port.postMessage("pong");
      if (order.length === 3) resolve();
    });
  });
  port.postMessage("ping");
  port.postMessage("second");
  await done;
  assert.deepEqual(order, ["ping", "second", "pong"]);
});

Deno.test("SlicedLoopbackPort: once a slice of work is used up, the next message waits for a turn of the loop", async () => {
  const port = new SlicedLoopbackPort();
  let yieldsBeforeSecond = 0;
  const before = loopYields();
  const done = new Promise<void>((resolve) => {
    port.addEventListener("message", ({ data }) => {
      if (data === "first") {
        busyFor(LOOP_SLICE_MS * 2); // longer than a slice, with no await in it
        port.postMessage("second");
      } else {
        yieldsBeforeSecond = loopYields() - before;
        resolve();
      }
    });
  });
  port.postMessage("first");
  await done;
  assert.ok(yieldsBeforeSecond >= 1, "the loop was handed back between the two messages");
});

Deno.test("SlicedLoopbackPort: quick messages go through without handing the loop back each time", async () => {
  const port = new SlicedLoopbackPort();
  const received = collect(port, 200);
  const before = loopYields();
  for (let n = 0; n < 200; n++) port.postMessage(n);
  assert.equal((await received).length, 200);
  // 200 messages take a fraction of a slice; a pause of the machine may cost a yield or two.
  assert.ok(loopYields() - before < 20, `${loopYields() - before} yields for 200 quick messages`);
});

Deno.test("SlicedLoopbackPort: terminate drops the listeners and what was not handed over", async () => {
  const port = new SlicedLoopbackPort();
  const received: unknown[] = [];
  const listener = ({ data }: { data: unknown }) => received.push(data);
  port.addEventListener("message", listener);
  port.postMessage("queued");
  port.terminate();
  port.postMessage("after terminate");
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.deepEqual(received, []);

  const removed = new SlicedLoopbackPort();
  removed.addEventListener("message", listener);
  removed.removeEventListener("message", listener);
  removed.postMessage("to nobody");
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.deepEqual(received, []);
});

Deno.test("SlicedLoopbackPort: a listener added with a signal stops listening when it is aborted", async () => {
  const port = new SlicedLoopbackPort();
  const received: unknown[] = [];
  const record = ({ data }: { data: unknown }) => received.push(data);
  const controller = new AbortController();
  port.addEventListener("message", record, {
    signal: controller.signal,
  });
  const all = collect(port, 2);
  port.postMessage("before");
  await new Promise((resolve) => setTimeout(resolve, 1));
  controller.abort();
  port.postMessage("after");
  await all;
  assert.deepEqual(received, ["before"]);

  port.addEventListener("message", record, {
    signal: controller.signal, // already aborted: never added
  });
  port.postMessage("later");
  await new Promise((resolve) => setTimeout(resolve, 1));
  assert.deepEqual(received, ["before"]);
});

Deno.test("SlicedLoopbackPort: a listener that throws is logged; the others and later messages still arrive", async () => {
  const port = new SlicedLoopbackPort();
  const logged: string[] = [];
  const consoleError = console.error;
  console.error = (line: string) => logged.push(line);
  try {
    port.addEventListener("message", () => {
      throw new Error("listener bug");
    });
    const received = collect(port, 2);
    port.postMessage("one");
    port.postMessage("two");
    assert.deepEqual(await received, ["one", "two"]);
  } finally {
    console.error = consoleError;
  }
  assert.equal(logged.length, 2);
  assert.equal(JSON.parse(logged[0]).event, "pdf_message_failed");
  assert.match(JSON.parse(logged[0]).error, /listener bug/);
});
