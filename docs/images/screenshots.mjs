// Screenshots of the demo's pages for the documentation, at 1280 px and 390 px wide.
//
// Usage (with `./tollgate demo` serving on http://127.0.0.1:7070/):
//   node --experimental-websocket docs/images/screenshots.mjs [BASE-URL] [OUT-DIR]
//
// No npm package: Debian's Chromium is driven over its DevTools protocol with Node's own WebSocket
// (Node 20: behind --experimental-websocket; Node 22: built in). It logs in as the demo's committee chair,
// takes each page at both widths (the full page, cut at MAX_HEIGHT px so a long page stays a readable image),
// the one-page dossier's HTML at both widths, and renders the one-page dossier PDF with pdftoppm.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const base = (process.argv[2] || 'http://127.0.0.1:7070').replace(/\/$/, '');
const out = process.argv[3] || 'docs/images';
const USER = process.env.TOLLGATE_USER || 'chair';
const PASSWORD = process.env.TOLLGATE_PASSWORD || 'tollgate-demo';
const MAX_HEIGHT = 2400;
// The pages to take: the portfolio, one use case per verdict, the audit trail. The GO page is the portfolio's first GO
// use case (case 08a in the demo), when there is one.
const PAGES = [
  ['portfolio', '/'],
  ['use-case-go', null],
  ['use-case-redesign', '/use-cases/case-11-er-triage-tradeoff'],
  ['use-case-no-go', '/use-cases/case-10a-readmission-case-managers'],
  ['audit', '/audit'],
];
const NO_GO = 3;

mkdirSync(out, { recursive: true });
const port = 9300 + Math.floor(Math.random() * 500);
const profile = mkdtempSync(join(tmpdir(), 'tollgate-shots-'));
const chrome = spawn('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', `--user-data-dir=${profile}`,
  `--remote-debugging-port=${port}`, 'about:blank'], { stdio: 'ignore' });

const sleep = ms => new Promise(r => setTimeout(r, ms));
let ws;
let id = 0;
const pending = new Map();
const events = [];
function send(method, params = {}, sessionId) {
  const msg = { id: ++id, method, params };
  if (sessionId) msg.sessionId = sessionId;
  ws.send(JSON.stringify(msg));
  return new Promise((resolve, reject) => pending.set(msg.id, { resolve, reject, method }));
}
async function waitFor(method, timeout = 30000) {
  const t0 = Date.now();
  while (Date.now() - t0 < timeout) {
    const i = events.findIndex(e => e.method === method);
    if (i >= 0) return events.splice(i, 1)[0];
    await sleep(50);
  }
  throw new Error('timed out waiting for ' + method);
}

try {
  let version;
  for (let i = 0; i < 100 && !version; i++) {
    try { version = await (await fetch(`http://127.0.0.1:${port}/json/version`)).json(); } catch { await sleep(100); }
  }
  if (!version) throw new Error('Chromium did not start');
  ws = new WebSocket(version.webSocketDebuggerUrl);
  await new Promise((res, rej) => { ws.onopen = res; ws.onerror = rej; });
  ws.onmessage = m => {
    const d = JSON.parse(m.data);
    if (d.id && pending.has(d.id)) {
      const p = pending.get(d.id);
      pending.delete(d.id);
      d.error ? p.reject(new Error(p.method + ': ' + d.error.message)) : p.resolve(d.result);
    } else if (d.method) events.push(d);
  };
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
  const s = (m, p) => send(m, p, sessionId);
  await s('Page.enable');
  const go = async url => {
    events.length = 0;
    await s('Page.navigate', { url });
    await waitFor('Page.loadEventFired');
  };
  const js = async expr => (await s('Runtime.evaluate', { expression: expr, awaitPromise: true, returnByValue: true })).result.value;

  await s('Emulation.setDeviceMetricsOverride', { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false });
  await go(base + '/login');
  await js(`document.getElementById('user').value = ${JSON.stringify(USER)};
    document.getElementById('password').value = ${JSON.stringify(PASSWORD)};
    document.querySelector('form').submit(); true`);
  await waitFor('Page.loadEventFired');
  if (await js('location.pathname') !== '/') throw new Error(`login as ${USER} failed: ${await js('document.body.innerText')}`);

  await go(base + '/?verdict=GO');
  PAGES[1][1] = await js(`(() => { const a = document.querySelector('table.portfolio tbody a'); return a ? a.getAttribute('href') : null; })()`);
  if (!PAGES[1][1]) console.log('no GO use case in the portfolio: use-case-go-*.png not taken');
  for (const [name, path] of PAGES) {
    if (!path) continue;
    for (const [width, mobile] of [[1280, false], [390, true]]) {
      await s('Emulation.setDeviceMetricsOverride', { width, height: 900, deviceScaleFactor: 1, mobile });
      await go(base + path);
      const h = Math.min(MAX_HEIGHT, await js('document.documentElement.scrollHeight'));
      const w = await js('document.documentElement.scrollWidth');
      const shot = await s('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true,
        clip: { x: 0, y: 0, width: Math.max(width, w), height: h, scale: 1 } });
      const file = join(out, `${name}-${width}.png`);
      writeFileSync(file, Buffer.from(shot.data, 'base64'));
      console.log(`${file}: ${Math.max(width, w)}×${h} px${w > width ? ` (the page is ${w} px wide)` : ''}`);
    }
  }
  // The one-page dossier of the NO-GO case: its HTML at both widths, then the PDF a committee prints and signs.
  await s('Emulation.setDeviceMetricsOverride', { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false });
  await go(base + PAGES[NO_GO][1]);
  const htmlUrl = await js(`(document.querySelector('a[href$="dossier.html"]') || {}).href`);
  if (!htmlUrl) throw new Error('no dossier.html link on ' + PAGES[NO_GO][1]);
  for (const [width, mobile] of [[1280, false], [390, true]]) {
    await s('Emulation.setDeviceMetricsOverride', { width, height: 900, deviceScaleFactor: 1, mobile });
    await go(htmlUrl);
    const h = Math.min(MAX_HEIGHT, await js('document.documentElement.scrollHeight'));
    const w = await js('document.documentElement.scrollWidth');
    const shot = await s('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true,
      clip: { x: 0, y: 0, width: Math.max(width, w), height: h, scale: 1 } });
    const file = join(out, `dossier-one-page-${width}.png`);
    writeFileSync(file, Buffer.from(shot.data, 'base64'));
    console.log(`${file}: ${Math.max(width, w)}×${h} px${w > width ? ` (the page is ${w} px wide)` : ''}`);
  }
  await s('Emulation.setDeviceMetricsOverride', { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false });
  await go(base + PAGES[NO_GO][1]);
  const pdfUrl = await js(`(document.querySelector('a[href$="dossier.pdf"]') || {}).href`);
  if (!pdfUrl) throw new Error('no dossier.pdf link on ' + PAGES[NO_GO][1]);
  // Fetched by Node with the browser's session cookie (a download is not something a page script can return).
  const { cookies } = await s('Network.getCookies', { urls: [base + '/'] });
  const res = await fetch(pdfUrl, { headers: { cookie: cookies.map(c => `${c.name}=${c.value}`).join('; ') } });
  if (!res.ok) throw new Error(`GET ${pdfUrl}: HTTP ${res.status}`);
  const b64 = Buffer.from(await res.arrayBuffer()).toString('base64');
  const pdf = join(profile, 'dossier.pdf');
  writeFileSync(pdf, Buffer.from(b64, 'base64'));
  execFileSync('pdftoppm', ['-png', '-r', '110', '-singlefile', pdf, join(out, 'dossier-one-page')]);
  console.log(join(out, 'dossier-one-page.png') + ': the one-page dossier (Letter) at 110 dpi');
} finally {
  try { ws && ws.close(); } catch {}
  chrome.kill();
}
