/* The file name of a signature, made by the project's slug rule (stemsite.slugs.slugify: python-slugify's
 * legacy pipeline with max_length 60, word_boundary and save_order), step by step as python-slugify does it.
 *
 * python-slugify transliterates with text_unidecode; the build ships that table beside the page in blocks of
 * 256 code points (stemsite.editors.signing_rules), and this module fetches only the blocks a name needs.
 * tests/fixtures/slugs.json holds names and their slugs; a Python test and a browser test both check them.
 */

const QUOTES = /'+/g;
const NUMBER_COMMA = /(?<=\p{Nd}),(?=\p{Nd})/gu;
const DISALLOWED = /[^-a-zA-Z0-9]+/g;

/** A slugger for the rules in regels.json (``slug``), fetching letter blocks relative to ``base``. */
export function makeSlugger(rules, base) {
  const known = new Set(rules.blocks);
  const blocks = new Map();
  const names = Object.keys(rules.entities).join("|");
  const entity = new RegExp(`&(${names});`, "g");

  async function block(number) {
    if (!known.has(number)) return null;
    if (!blocks.has(number)) {
      blocks.set(number, fetch(new URL(`${rules.letters}${number.toString(16)}.json`, base))
        .then((response) => { if (!response.ok) throw new Error(response.statusText); return response.json(); }));
    }
    return blocks.get(number);
  }

  async function transliterate(text) {
    if (/^[\x00-\x7f]*$/.test(text)) return text;
    let out = "";
    for (const ch of text) {
      const cp = ch.codePointAt(0);
      if (cp === 0) { out += "\x00"; continue; }
      if (cp > 0xffff) continue;  // beyond the table: text_unidecode drops it
      const table = await block(cp >> 8);
      out += table ? table[cp & 0xff] : "";
    }
    return out;
  }

  function decodeEntities(text) {
    text = text.replace(entity, (_, name) => String.fromCodePoint(rules.entities[name]));
    // python-slugify replaces numeric references all or nothing: one out of range leaves them all.
    for (const [pattern, radix] of [[/&#(\d+);/g, 10], [/&#x([\da-fA-F]+);/g, 16]]) {
      const values = [...text.matchAll(pattern)].map((m) => parseInt(m[1], radix));
      if (values.every((v) => v <= 0x10ffff)) {
        text = text.replace(pattern, (_, digits) => String.fromCodePoint(parseInt(digits, radix)));
      }
    }
    return text;
  }

  function truncate(text, max) {
    text = text.replace(/^-+|-+$/g, "");
    if (!max || text.length < max) return text;
    if (!text.includes("-")) return text.slice(0, max);
    let cut = "";
    for (const word of text.split("-")) {
      if (!word) continue;
      const next = cut.length + word.length;
      if (next < max) cut += `${word}-`;
      else if (next === max) { cut += word; break; }
      else break;  // save_order: never skip a word to fit a later one
    }
    if (!cut) cut = text.slice(0, max);
    return cut.replace(/^-+|-+$/g, "");
  }

  return async function slugify(name) {
    let text = String(name).replace(QUOTES, "-");
    text = await transliterate(text.normalize("NFKD"));
    text = decodeEntities(text).normalize("NFKD").toLowerCase();
    text = text.replace(QUOTES, "").replace(NUMBER_COMMA, "").replace(DISALLOWED, "-");
    text = text.replace(/-{2,}/g, "-").replace(/^-+|-+$/g, "");
    return truncate(text, rules.maxLength);
  };
}
