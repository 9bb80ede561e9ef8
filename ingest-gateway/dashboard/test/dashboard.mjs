// The dashboard in a real browser (Debian's chromium driven by playwright-core) against a running pool:
//   node test/dashboard.mjs --url https://127.0.0.1:8443 --member 0x... --screenshots DIR [--chromium /usr/bin/chromium]
// Checks that the pool and member pages render with data, that the charts draw, that an unknown and a malformed
// address get a friendly message, and that the browser logged no console error. Writes a screenshot of each page.
// Exit 0 when every check passed; otherwise prints the failures and exits 1.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const url = arg("url");
const member = arg("member");
const shots = arg("screenshots", "target/screenshots");
const executablePath = arg("chromium", process.env.CHROMIUM ?? "/usr/bin/chromium");
if (!url || !member) {
  console.error("usage: dashboard.mjs --url URL --member 0xADDRESS [--screenshots DIR] [--chromium PATH]");
  process.exit(2);
}
mkdirSync(shots, { recursive: true });

const failures = [];
const consoleErrors = [];
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
try {
  // The dev gateway's certificate is self-signed: trusted for this context only.
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  page.on("console", (msg) => { if (msg.type() === "error") consoleErrors.push(`${page.url()}: ${msg.text()}`); });
  page.on("pageerror", (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
  const offOrigin = [];
  page.on("request", (request) => { if (!request.url().startsWith(url) && !request.url().startsWith("data:")) offOrigin.push(request.url()); });

  // Pool page
  await page.goto(`${url}/`, { waitUntil: "networkidle" });
  await page.waitForSelector("[data-section='Pool'] .stat-value", { timeout: 20000 });
  const round = await page.textContent("[data-section='Pool'] .stat-value");
  check(/^\d[\d,]*$/.test(round.trim()), `pool page shows the current round (${round.trim()})`);
  await page.waitForSelector("[data-chart='revenue'][data-drawn='true'] canvas", { timeout: 20000 });
  check(await page.locator("[data-chart='revenue'] canvas").count() > 0, "revenue chart draws");
  check(await page.locator("[data-section='Revenue per round'] tbody tr").count() > 0, "settlements listed");
  check(await page.locator("[data-section='Latest payouts'] tbody tr").count() > 0, "payouts listed");
  check(await page.locator("[data-section='Winning tickets'] tbody tr").count() > 0, "winning tickets listed");
  check(await page.locator("[data-section='Services'] li").count() > 0, "service health listed");
  await page.screenshot({ path: join(shots, "pool.png"), fullPage: true });

  // Member page, reached through the search box
  await page.fill("#address", member);
  await page.click("#search button");
  await page.waitForSelector("[data-section='Member'] .stat-value", { timeout: 20000 });
  check(page.url().endsWith(`#/member/${member}`), "search opens the member's linkable URL");
  await page.waitForSelector("[data-chart='earnings'][data-drawn='true'] canvas", { timeout: 20000 });
  check(await page.locator("[data-chart='earnings'] canvas").count() > 0, "earnings chart draws");
  check(await page.locator("[data-section='Payouts'] tbody tr").count() > 0, "member payouts listed");
  check(await page.locator("[data-section='Jobs in the last 24 h'] tbody tr").count() > 0, "member jobs listed");
  check(await page.locator("[data-section='Member'] .notice").count() === 0, "a known member gets no 'no activity' notice");
  await page.screenshot({ path: join(shots, "member.png"), fullPage: true });

  // Linkable: a fresh load of the member URL renders the same page
  await page.goto(`${url}/#/member/${member}`, { waitUntil: "networkidle" });
  await page.waitForSelector("[data-section='Member'] .stat-value", { timeout: 20000 });
  check(true, "member URL loads directly");

  // Unknown but well-formed address
  const unknown = "0x" + "12".repeat(20);
  await page.goto(`${url}/#/member/${unknown}`, { waitUntil: "networkidle" });
  await page.waitForSelector("[data-section='Member'] .notice", { timeout: 20000 });
  check((await page.textContent("[data-section='Member'] .notice")).includes("no jobs"), "unknown address: friendly message");
  await page.screenshot({ path: join(shots, "unknown.png"), fullPage: true });

  // Malformed address
  await page.goto(`${url}/#/member/not-an-address`, { waitUntil: "networkidle" });
  await page.waitForSelector("[data-section='Member'] .notice", { timeout: 20000 });
  check((await page.textContent("[data-section='Member'] .notice")).includes("is not an Ethereum address"), "malformed address: friendly message");
  await page.screenshot({ path: join(shots, "malformed.png"), fullPage: true });

  check(offOrigin.length === 0, `nothing loaded from another origin ${offOrigin.join(" ")}`);
  check(consoleErrors.length === 0, `no console errors ${consoleErrors.join(" | ")}`);
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(`${failures.length} check(s) failed`);
  process.exit(1);
}
console.log("dashboard: every check passed");
