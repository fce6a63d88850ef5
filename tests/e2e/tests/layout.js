// What a person sees go wrong on a screen, as a list of French-free, testable problems (empty when the screen is
// right): the window itself scrolling, anything sticking out sideways, a dialog's buttons out of sight, text drawn
// over other text (and not hidden behind an opaque box). Run in the app's web view by the E2E suite.
const started = performance.now();
const W = window.innerWidth;
const H = window.innerHeight;
const out = [];
const say = (el) => {
  const cls = typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\s+/).join(".") : "";
  const text = (el.textContent || el.value || el.getAttribute("aria-label") || "").trim().replace(/\s+/g, " ").slice(0, 40);
  return `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${cls} « ${text} »`;
};
const hiddenCache = new Map();
const hidden = (el) => {
  if (!el || el === document.body || el === document.documentElement) return false;
  if (hiddenCache.has(el)) return hiddenCache.get(el);
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const own =
    s.display === "none" ||
    s.visibility === "hidden" ||
    el.classList.contains("sr-only") ||
    (s.position === "absolute" && s.clip !== "auto") ||
    (s.overflow === "hidden" && (r.width <= 1 || r.height <= 1));
  const h = own || hidden(el.parentElement);
  hiddenCache.set(el, h);
  return h;
};
const se = document.scrollingElement;
if (se.scrollTop !== 0 || se.scrollLeft !== 0) out.push(`the window is scrolled to ${se.scrollLeft},${se.scrollTop}`);
if (se.scrollWidth > W + 1 || se.scrollHeight > H + 1) out.push(`the window can scroll: ${se.scrollWidth}×${se.scrollHeight} in ${W}×${H}`);
const main = document.querySelector("main.content");
if (main && main.scrollWidth > main.clientWidth + 1) out.push(`the content pane scrolls sideways by ${main.scrollWidth - main.clientWidth} px`);
const modal = document.querySelector(".modal");
const root = modal || main || document.body;
for (const el of root.querySelectorAll("button, input, select, textarea, th, td, h1, h2, h3, label, .figure")) {
  if (hidden(el)) continue;
  const r = el.getBoundingClientRect();
  if (r.left < -1 || r.right > W + 1) out.push(`${say(el)} sticks out sideways (${Math.round(r.left)}–${Math.round(r.right)} in ${W})`);
}
if (modal) {
  const m = modal.getBoundingClientRect();
  if (m.top < -1 || m.bottom > H + 1) out.push(`the dialog (${Math.round(m.top)}–${Math.round(m.bottom)}) is taller than the window (${H})`);
  // The buttons that finish the dialog are in sight without scrolling it.
  for (const b of modal.querySelectorAll(".actions button, .draft-actions button")) {
    if (hidden(b)) continue;
    const r = b.getBoundingClientRect();
    if (r.bottom > Math.min(H, m.bottom) + 1 || r.top < m.top) out.push(`${say(b)} is out of sight (${Math.round(r.top)}–${Math.round(r.bottom)})`);
  }
}
// Text over text: every pair of text boxes that overlap, unless an opaque box lies between them.
const boxes = [];
const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  if (!n.textContent.trim() || hidden(n.parentElement)) continue;
  const range = document.createRange();
  range.selectNodeContents(n);
  for (const r of range.getClientRects()) {
    if (r.width > 1 && r.height > 1 && r.bottom > 0 && r.top < H && r.right > 0 && r.left < W) boxes.push([n, r]);
  }
}
const opaque = (e) => {
  const c = getComputedStyle(e).backgroundColor;
  return c !== "transparent" && !/rgba\(.*,\s*0\)$/.test(c);
};
const covered = (a, b, x, y) => {
  const stack = document.elementsFromPoint(x, y);
  const ia = stack.indexOf(a.parentElement);
  const ib = stack.indexOf(b.parentElement);
  if (ia < 0 || ib < 0) return ia !== ib;
  const [top, low] = ia < ib ? [ia, ib] : [ib, ia];
  const lowEl = stack[low];
  return stack.slice(top + 1, low).some((e) => !e.contains(lowEl) && opaque(e));
};
for (let i = 0; i < boxes.length && out.length < 20; i++) {
  for (let j = i + 1; j < boxes.length; j++) {
    const [a, ra] = boxes[i];
    const [b, rb] = boxes[j];
    if (a === b) continue;
    const x = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
    const y = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
    if (x <= 2 || y <= 3) continue;
    if (performance.now() - started > 5000) { out.push(`the overlap check gave up after 5 s (${boxes.length} text boxes)`); return out; }
    const cx = Math.max(ra.left, rb.left) + x / 2;
    const cy = Math.max(ra.top, rb.top) + y / 2;
    if (covered(a, b, cx, cy)) continue;
    out.push(`« ${a.textContent.trim().slice(0, 30)} » is drawn over « ${b.textContent.trim().slice(0, 30)} »`);
  }
}
return out.slice(0, 20);
