import assert from "node:assert/strict";
import { StorageUnavailableError } from "../../shared/storage/blob_store.ts";
import { createLocalStore } from "../../shared/storage/local_store.ts";
import { ownerFolder, sanitizeFilename, uploadObjectPath } from "../../shared/storage/paths.ts";
import { createSupabaseStore } from "../../shared/storage/supabase_store.ts";

Deno.test("file names are made safe for object paths (ASCII only, as Supabase keys must be)", () => {
  const cases: [string, string][] = [
    ["company_info.pdf", "company_info.pdf"],
    ["公司 簡介.docx", "file.docx"],
    ["公司簡介 v2 (final).pdf", "v2_(final).pdf"],
    ["Café menu.txt", "Caf_menu.txt"],
    ["../../etc/passwd", "passwd"],
    ["..\\..\\win.ini", "win.ini"],
    ["...hidden.txt", "hidden.txt"],
    ["a\u0000b\u202e.txt", "a_b.txt"],
    ["", "file"],
    ["..", "file"],
    [`${"長".repeat(300)}.pdf`, "file.pdf"],
    [`${"a".repeat(300)}.pdf`, `${"a".repeat(96)}.pdf`],
    ["report.tar.gz", "report.tar.gz"],
    ["archive.verylongextension", "archive.verylongextension"],
  ];
  for (const [raw, safe] of cases) assert.equal(sanitizeFilename(raw), safe, JSON.stringify(raw));
});

Deno.test("a user's folder is the id when plain, else a hash the SQL side can recompute", async () => {
  assert.equal(await ownerFolder("12345"), "12345");
  assert.equal(await ownerFolder("user_a-1"), "user_a-1");
  const odd = await ownerFolder("../evil/用戶");
  assert.match(odd, /^u-[0-9a-f]{64}$/);
  assert.equal(
    await uploadObjectPath("12345", 7, 42, "../report.pdf"),
    "12345/7/42-report.pdf",
  );
});

Deno.test("the local store writes under its root and refuses climbing paths", async () => {
  const root = await Deno.makeTempDir();
  const store = createLocalStore(root);
  await store.put("u1/1/1-a.txt", new TextEncoder().encode("hi"), "text/plain");
  assert.equal(await Deno.readTextFile(`${root}/u1/1/1-a.txt`), "hi");
  await assert.rejects(
    store.put("../x.txt", new Uint8Array(1), "text/plain"),
    StorageUnavailableError,
  );
  // Never overwrites: the same path twice is a storage failure, not silent replacement.
  await assert.rejects(
    store.put("u1/1/1-a.txt", new Uint8Array(1), "text/plain"),
    StorageUnavailableError,
  );
});

Deno.test("the Supabase store uploads to the private bucket with the service key", async () => {
  const seen: { method: string; path: string; headers: Headers; body: Uint8Array }[] = [];
  let fail = false;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    seen.push({
      method: req.method,
      path: new URL(req.url).pathname,
      headers: req.headers,
      body: new Uint8Array(await req.arrayBuffer()),
    });
    return fail
      ? Response.json({
        statusCode: "409",
        error: "Duplicate",
        message: "The resource already exists",
      }, {
        status: 409,
      })
      : Response.json({ Key: "onboarding-uploads/u1/1/1-a.pdf", Id: "x" });
  });
  try {
    const store = createSupabaseStore({
      url: `http://127.0.0.1:${server.addr.port}`,
      serviceKey: "sb_secret_test",
      bucket: "onboarding-uploads",
    });
    const bytes = new TextEncoder().encode("%PDF-1.4 test");
    await store.put("u1/1/1-a.pdf", bytes, "application/pdf");
    assert.equal(seen.length, 1);
    assert.equal(seen[0].method, "POST");
    assert.equal(seen[0].path, "/storage/v1/object/onboarding-uploads/u1/1/1-a.pdf");
    assert.equal(seen[0].headers.get("authorization"), "Bearer sb_secret_test");
    assert.equal(seen[0].headers.get("x-upsert"), "false");
    assert.deepEqual(seen[0].body, bytes);

    fail = true;
    await assert.rejects(
      store.put("u1/1/1-a.pdf", bytes, "application/pdf"),
      StorageUnavailableError,
    );
  } finally {
    await server.shutdown();
  }
});
