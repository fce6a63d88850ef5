// Every word of the interface lives in src/lib/i18n (fr.ts, en.ts): this check lists the words still written in a
// component or a module (text between tags, a label, title, placeholder, hint or aria-label attribute, a sentence in
// a string), so that none is added outside the tables. Run by scripts/test; `--list` prints every finding.
import fs from "node:fs";
import path from "node:path";

const root = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "src");
const files = [];
(function walk(d) {
  for (const f of fs.readdirSync(d)) {
    const p = path.join(d, f);
    if (fs.statSync(p).isDirectory()) {
      if (!["i18n", "generated"].includes(f)) walk(p);
    } else if (/\.(svelte|ts)$/.test(f) && !/\.test\.ts$/.test(f)) files.push(p);
  }
})(root);

/** A word: three letters in a row, at least two of them lower case (« FR76 », « AV-2026-001 » are examples). */
const WORD = /[A-Za-zÀ-ÿ][a-zà-ÿ]{2,}/;
/** The product's name and a key's name are the same in every language. */
const NOT_WORDS = ["Tact", "Ctrl K"];

/** Markup with every {…} (nested ones too) replaced by spaces, line breaks kept. */
function blankExpressions(markup) {
  let out = "";
  let depth = 0;
  for (const ch of markup) {
    if (ch === "{") depth += 1;
    out += depth > 0 && ch !== "\n" ? " " : ch;
    if (ch === "}" && depth > 0) depth -= 1;
  }
  return out;
}
/** A sentence or a phrase: two words with a space, or one capitalised word (not a code, an id or a CSS name). */
const PHRASE = /([A-Za-zÀ-ÿ'’]{2,}[\s\u00a0\u202f]+[A-Za-zÀ-ÿ'’]{2,})|^[A-ZÀ-Ý][a-zà-ÿ]+[.…]?$/;

function findings(file) {
  const text = fs.readFileSync(file, "utf8");
  const out = [];
  const lineOf = (i) => text.slice(0, i).split("\n").length;
  let markup = text;
  let scripts = "";
  if (file.endsWith(".svelte")) {
    markup = text.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<!--[\s\S]*?-->/g, (m) => {
      // The script tag's own attributes (lang, generics) are code, not words.
      if (m.startsWith("<script")) scripts += m.replace(/^<script[^>]*>/, (tag) => tag.replace(/[^\n]/g, " "));
      return m.replace(/[^\n]/g, " ");
    });
    // {expressions} blanked (they may hold « > »), and what is shown as code or a key (a path, a command).
    markup = blankExpressions(markup).replace(/<(code|kbd)\b[^>]*>[\s\S]*?<\/\1>/g, (m) => m.replace(/[^\n]/g, " "));
    // Text between tags.
    for (const m of markup.matchAll(/>([^<>]*)</g)) {
      const plain = m[1].replace(/&[a-z#0-9]+;/g, " ").trim();
      if (WORD.test(NOT_WORDS.reduce((t, w) => t.replaceAll(w, " "), plain))) out.push([lineOf(m.index), plain.replace(/\s+/g, " ")]);
    }
    for (const m of markup.matchAll(/\b(label|title|placeholder|hint|aria-label|alt)="([^"]*)"/g)) {
      if (WORD.test(m[2])) out.push([lineOf(m.index), `${m[1]}="${m[2]}"`]);
    }
  } else {
    scripts = text;
  }
  // Sentences in strings (script blocks, modules), comments left out.
  const code = scripts.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (m) => m.replace(/[^\n]/g, " "));
  for (const m of code.matchAll(/"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)) {
    const s = (m[1] ?? m[2] ?? "").replace(/\$\{[^}]*\}/g, " ");
    if (PHRASE.test(s.trim()) && !/^[\w.-]+$/.test(s.trim())) {
      const at = file.endsWith(".svelte") ? text.indexOf(m[0]) : m.index;
      out.push([lineOf(at), m[0].slice(0, 80)]);
    }
  }
  return out;
}

let failed = false;
let clean = 0;
for (const f of files.sort()) {
  const rel = path.relative(path.join(root, ".."), f);
  const found = findings(f);
  if (found.length === 0) clean += 1;
  if (process.argv.includes("--list")) for (const [line, s] of found) console.log(`${rel}:${line}: ${s}`);
  else if (found.length > 0) {
    failed = true;
    console.error(`${rel}: words outside src/lib/i18n (move them to fr.ts and en.ts):`);
    for (const [line, s] of found) console.error(`  ${line}: ${s}`);
  }
}
if (!process.argv.includes("--list")) console.log(`words in one place: ${clean} of ${files.length} files`);
process.exit(failed ? 1 : 0);
