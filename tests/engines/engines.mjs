// One small adapter per engine for the cross-engine tier (tests/engines/essentials.test.mjs): the
// scenarios only ever call what a session offers here, so the test intent is written once.
//
//   const engine = await launchEngine("firefox");   // or "webkit"
//   const s = await engine.newSession();              // fresh cookies and storage
//   await s.goto(url); await s.reload();
//   await s.evaluate((a, b) => …, a, b);              // a function and JSON arguments; may be async
//   await s.click("css selector");                    // real pointer input on the element
//   await s.press("Tab");                             // "Tab", "Shift+Tab", "Enter", "Space"
//   await s.cookies();                                // [{ name, value, path, sameSite, expires }]
//   await s.close(); await engine.close();
//
// Firefox: Debian's firefox-esr through puppeteer-core over WebDriver BiDi (headless).
// WebKit: Debian's WebKitGTK WebDriver (WebKitWebDriver, W3C WebDriver over HTTP, driven with plain
// fetch) starting MiniBrowser, which needs a display: without $DISPLAY it runs under `xvfb-run -a`.
//
// Environment: FIREFOX (default /usr/bin/firefox-esr), WEBKIT_DRIVER (default WebKitWebDriver on
// PATH), MINIBROWSER (default /usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser).

import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";

export const FIREFOX = process.env.FIREFOX || "/usr/bin/firefox-esr";
export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER || "WebKitWebDriver";
export const MINIBROWSER = process.env.MINIBROWSER || "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

export const ENGINES = ["firefox", "webkit"];
/** The Chromium tier's viewport (Playwright's default), so the banner docks the same way. */
export const VIEWPORT = { width: 1280, height: 720 };

/** Launch one engine; throws with the package to install when it is missing. */
export function launchEngine(name) {
  if (name === "firefox") return launchFirefox();
  if (name === "webkit") return launchWebKit();
  throw new Error(`unknown engine ${name}`);
}

// ---------------------------------------------------------------------------------------------
// Firefox: puppeteer-core over WebDriver BiDi.

async function launchFirefox() {
  if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} is missing: install Debian's firefox-esr (scripts/setup.sh test)`);
  const { default: puppeteer } = await import("puppeteer-core");
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    // Keep a closed machine quiet: no update, telemetry or captive-portal checks.
    extraPrefsFirefox: {
      "app.update.enabled": false,
      "network.captive-portal-service.enabled": false,
      "network.connectivity-service.enabled": false,
      "datareporting.policy.dataSubmissionEnabled": false,
      "browser.safebrowsing.update.enabled": false,
    },
  });
  const version = (await browser.version()).replace(/^firefox\//i, "");
  return {
    name: "firefox",
    version: `Firefox ${version}`,
    async newSession() {
      const context = await browser.createBrowserContext();
      const wrap = async (main = false) => {
        const page = await context.newPage();
        page.setDefaultTimeout(15_000);
        await page.setViewport(VIEWPORT);
        const KEYS = { Space: " " };
        return {
          goto: (url) => page.goto(url, { waitUntil: "load" }).then(() => {}),
          reload: () => page.reload({ waitUntil: "load" }).then(() => {}),
          evaluate: (fn, ...args) => page.evaluate(fn, ...args),
          async click(selector) {
            await page.click(selector);
          },
          async press(key) {
            const [mod, k] = key.includes("+") ? key.split("+") : [null, key];
            if (mod) await page.keyboard.down(mod);
            await page.keyboard.press(KEYS[k] ?? k);
            if (mod) await page.keyboard.up(mod);
          },
          async cookies() {
            const list = typeof context.cookies === "function" ? await context.cookies() : await page.cookies();
            return list.map((c) => ({ name: c.name, value: c.value, path: c.path, sameSite: c.sameSite ?? null, expires: c.expires }));
          },
          /** Bring this tab to the front (the others become hidden). */
          front: () => page.bringToFront(),
          /** Another tab in the same session (same cookies and storage). */
          newTab: () => wrap(false),
          close: () => (main ? context.close() : page.close()).catch(() => {}),
        };
      };
      return wrap(true);
    },
    close: () => browser.close().catch(() => {}),
  };
}

// ---------------------------------------------------------------------------------------------
// WebKit: W3C WebDriver over HTTP.

/** Longest a WebDriver command may take. */
const COMMAND_TIMEOUT = 30_000;
/** Longest a new session (a MiniBrowser start) may take before another is tried. */
const SESSION_TIMEOUT = 20_000;

const KEY_CODES = { Tab: "\uE004", Enter: "\uE007", Space: " ", Shift: "\uE008", Escape: "\uE00C" };

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function launchWebKit() {
  if (!existsSync(MINIBROWSER)) throw new Error(`${MINIBROWSER} is missing: install Debian's webkit2gtk-driver (scripts/setup.sh test)`);
  if (spawnSync("sh", ["-c", `command -v ${WEBKIT_DRIVER}`]).status !== 0) {
    throw new Error(`${WEBKIT_DRIVER} is missing: install Debian's webkit2gtk-driver (scripts/setup.sh test)`);
  }
  const port = await freePort();
  const needsDisplay = !process.env.DISPLAY;
  if (needsDisplay && spawnSync("sh", ["-c", "command -v xvfb-run"]).status !== 0) {
    throw new Error("WebKit needs a display: install Debian's xvfb (scripts/setup.sh test) or set DISPLAY");
  }
  const argv = needsDisplay ? ["xvfb-run", "-a", WEBKIT_DRIVER, `--port=${port}`] : [WEBKIT_DRIVER, `--port=${port}`];
  // Its own process group, so close() ends xvfb-run, Xvfb and the driver together.
  const driver = spawn(argv[0], argv.slice(1), { stdio: ["ignore", "ignore", "pipe"], detached: true });
  let stderr = "";
  driver.stderr.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;

  async function call(method, path, body, timeout = COMMAND_TIMEOUT) {
    let res;
    const t0 = Date.now();
    try {
      res = await fetch(base + path, {
        method,
        headers: { "content-type": "application/json; charset=utf-8" },
        body: body === undefined ? undefined : JSON.stringify(body),
        // A stuck command fails with its name instead of running into the test's timeout.
        signal: AbortSignal.timeout(timeout),
      });
    } catch (e) {
      throw new Error(`WebKitWebDriver ${method} ${path} ${body === undefined ? "" : JSON.stringify(body).slice(0, 200)}: ${e.message}`);
    }
    const json = await res.json();
    // Slow commands are where a loaded machine shows first: say so in the log.
    if (Date.now() - t0 > 5000) process.stderr.write(`engines: WebKitWebDriver took ${Date.now() - t0} ms for ${method} ${path}\n`);
    if (!res.ok) throw new Error(`WebKitWebDriver ${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
    return json.value;
  }

  const stop = () => {
    try {
      process.kill(-driver.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  };
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      if ((await call("GET", "/status")).ready !== undefined) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline || driver.exitCode !== null) {
      stop();
      throw new Error(`WebKitWebDriver did not start:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  let version = "WebKitGTK";
  return {
    name: "webkit",
    get version() {
      return version;
    },
    async newSession() {
      // A session is a new MiniBrowser with ephemeral storage: fresh cookies and localStorage.
      // MiniBrowser starts in 1 to 2 s; on a loaded machine a start now and then never answers
      // (seen once in about 15 runs at a load average of 5 on 2 cores): then a new one is started.
      let created;
      for (let attempt = 1; !created; attempt++) {
        try {
          created = await call(
            "POST",
            "/session",
            { capabilities: { alwaysMatch: { "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] } } } },
            SESSION_TIMEOUT,
          );
        } catch (e) {
          if (attempt === 3) throw e;
          process.stderr.write(`engines: WebKit session ${attempt} did not start (${e.message}); starting another\n`);
        }
      }
      version = `WebKitGTK ${created.capabilities?.browserVersion ?? "?"}`;
      const id = created.sessionId;
      const s = (path) => `/session/${id}${path}`;
      await call("POST", s("/timeouts"), { script: 30_000, pageLoad: 30_000, implicit: 0 });
      // The window's outer size: the viewport comes out a little smaller than Chromium's.
      await call("POST", s("/window/rect"), VIEWPORT).catch(() => {});
      // Commands go to the current window: each tab's methods switch to theirs first.
      let current = await call("GET", s("/window"));
      const wrap = (handle, main) => {
        const on = async (method, path, body) => {
          if (current !== handle) {
            await call("POST", s("/window"), { handle });
            current = handle;
          }
          return call(method, s(path), body);
        };
        return {
          goto: (url) => on("POST", "/url", { url }).then(() => {}),
          reload: () => on("POST", "/refresh", {}).then(() => {}),
          evaluate: (fn, ...args) => on("POST", "/execute/sync", { script: `return (${fn}).apply(null, arguments);`, args }),
          async click(selector) {
            const el = await on("POST", "/element", { using: "css selector", value: selector });
            // WebDriver's own scrolling ignores the page's scroll-padding, so an element can land
            // under the docked banner and the click be "intercepted"; a visitor scrolls it above
            // (Tab focus and scrollIntoView respect the padding). Centre it first, as they would.
            await on("POST", "/execute/sync", { script: "arguments[0].scrollIntoView({ block: 'center' })", args: [el] });
            await on("POST", `/element/${Object.values(el)[0]}/click`, {});
          },
          async press(key) {
            const keys = key.split("+").map((k) => KEY_CODES[k] ?? k);
            const actions = [...keys.map((value) => ({ type: "keyDown", value })), ...keys.reverse().map((value) => ({ type: "keyUp", value }))];
            await on("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions }] });
            await on("DELETE", "/actions");
          },
          async cookies() {
            const list = await on("GET", "/cookie");
            return list.map((c) => ({ name: c.name, value: c.value, path: c.path, sameSite: c.sameSite ?? null, expires: c.expiry }));
          },
          /** Bring this tab to the front (the others become hidden). */
          front: () => on("POST", "/window", { handle }).then(() => {}),
          /** Another tab in the same session (same cookies and storage). */
          async newTab() {
            const { handle: tab } = await call("POST", s("/window/new"), { type: "tab" });
            return wrap(tab, false);
          },
          close: () =>
            (main ? call("DELETE", s("")) : on("DELETE", "/window").then(() => (current = null))).catch(() => {}),
        };
      };
      return wrap(current, true);
    },
    async close() {
      stop();
    },
  };
}
