// scripts/serve.mjs: the static server used by `make demo` and by these tests.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { REPO } from "./helpers.mjs";
import { startServer } from "../../scripts/serve.mjs";

let dir, srv;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cb-serve-"));
  await mkdir(path.join(dir, "root", "sub"), { recursive: true });
  await mkdir(path.join(dir, "assets"));
  const files = {
    "root/index.html": "<!doctype html><title>home</title>",
    "root/sub/index.html": "<!doctype html><title>sub</title>",
    "root/a.js": "1",
    "root/a.mjs": "2",
    "root/a.css": "b{}",
    "root/a.json": "{}",
    "root/a.svg": "<svg/>",
    "root/a.png": "png",
    "root/favicon.ico": "ico",
    "assets/consent-banner.js": "// js",
    "assets/consent-banner_bg.wasm": "\0asm",
    "secret.txt": "TOP-SECRET-CONTENT",
  };
  for (const [f, body] of Object.entries(files)) await writeFile(path.join(dir, f), body);
  srv = await startServer({ root: path.join(dir, "root"), assets: path.join(dir, "assets"), headers: { "X-Test": "yes" } });
});
after(async () => {
  await srv?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Raw GET without URL normalisation (fetch would resolve "..": we want to send it as is). */
function get(rawPath, method = "GET") {
  const { hostname, port } = new URL(srv.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: rawPath, method }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("startServer returns a 127.0.0.1 url on a free port", () => {
  assert.match(srv.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.notEqual(srv.url, "http://127.0.0.1:0");
});

test("content types, no-store and extra headers", async () => {
  const want = {
    "/index.html": "text/html",
    "/a.js": "text/javascript",
    "/a.mjs": "text/javascript",
    "/a.css": "text/css",
    "/a.json": "application/json",
    "/a.svg": "image/svg+xml",
    "/a.png": "image/png",
    "/favicon.ico": "image/x-icon",
    "/assets/consent-banner.js": "text/javascript",
    "/assets/consent-banner_bg.wasm": "application/wasm",
  };
  for (const [p, type] of Object.entries(want)) {
    const r = await get(p);
    assert.equal(r.status, 200, p);
    assert.equal(r.headers["content-type"].split(";")[0], type, p);
    assert.equal(r.headers["cache-control"], "no-store", p);
    assert.equal(r.headers["x-test"], "yes", p);
  }
  assert.equal((await get("/assets/consent-banner.js")).body, "// js", "/assets/ maps to the assets folder");
});

test("directories serve index.html; missing files are 404", async () => {
  assert.match((await get("/")).body, /<title>home/);
  assert.match((await get("/sub/")).body, /<title>sub/);
  const redirect = await get("/sub");
  assert.ok(redirect.status === 301 || (redirect.status === 200 && /<title>sub/.test(redirect.body)));
  assert.equal((await get("/nope.html")).status, 404);
  assert.equal((await get("/assets/nope.js")).status, 404);
  assert.equal((await get("/assets/")).status, 404, "no listing of the assets folder");
  const head = await get("/index.html", "HEAD");
  assert.equal(head.status, 200);
  assert.equal(head.body, "");
});

test("path traversal is refused", async () => {
  for (const p of ["/../secret.txt", "/%2e%2e/secret.txt", "/sub/..%2f..%2fsecret.txt", "/..%5csecret.txt", "/assets/../../secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt", "/a.js%00.html"]) {
    const r = await get(p);
    assert.ok([400, 403, 404].includes(r.status), `${p} -> ${r.status}`);
    assert.doesNotMatch(r.body, /TOP-SECRET-CONTENT/, p);
  }
});

test("CLI: prints where it serves and honours PORT", async () => {
  const probe = await startServer({ root: REPO });
  const port = Number(new URL(probe.url).port);
  await probe.close();
  const child = spawn(process.execPath, ["scripts/serve.mjs", "--root", "tests/e2e/fixtures", "--port", "1"], {
    cwd: REPO,
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    const line = await new Promise((resolve, reject) => {
      let out = "";
      const t = setTimeout(() => reject(new Error(`no output: ${out}`)), 5_000);
      child.stdout.on("data", (d) => {
        out += d;
        if (out.includes("\n")) {
          clearTimeout(t);
          resolve(out.trim());
        }
      });
      child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    assert.equal(line, `Serving tests/e2e/fixtures/ on http://127.0.0.1:${port}`);
    const r = await fetch(`http://127.0.0.1:${port}/index.html`);
    assert.equal(r.status, 200);
    assert.match(await r.text(), /Test Site/);
  } finally {
    child.kill("SIGTERM");
  }
});
