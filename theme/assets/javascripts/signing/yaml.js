/* The signatory file as YAML, the way stemsite.editors.yaml_out writes records: the schema line first, keys in
 * the schema's order, list items indented under their key, plain text where YAML reads it back as the same text,
 * double quotes (with escapes) everywhere else, a | block for text with line breaks. The build's strict loader
 * must read it back as exactly the record (tests/browser/test_signing_page.py runs the real `stemsite validate`).
 */

const PLAIN = /^[\p{L}\p{N}][\p{L}\p{N} .,()&+/’'-]*$/u;
const LOOKS_TYPED = /^([-+]?[0-9._]+|y|yes|n|no|true|false|on|off|null)$/i;
const UNPRINTABLE = "[^\\x09\\x0A\\x0D\\x20-\\x7E\\x85\\xA0-\\uD7FF\\uE000-\\uFFFD\\u{10000}-\\u{10FFFF}]|[\\u2028\\u2029]";
const ODD = new RegExp(UNPRINTABLE, "u");
const ODD_ALL = new RegExp(UNPRINTABLE, "gu");

function quoted(text) {
  return JSON.stringify(text).replace(ODD_ALL, (ch) => `\\u${ch.codePointAt(0).toString(16).padStart(4, "0")}`);
}

function blockable(text) {
  const lines = text.split("\n");
  return !ODD.test(text) && !/\t|\r/.test(text) && !/^\s/.test(lines[0])
    && lines.every((line) => line === line.trimEnd()) && text === text.trim();
}

function scalar(value, indent) {
  if (typeof value === "number") return String(value);
  const text = String(value);
  if (text.includes("\n")) {
    if (blockable(text)) return `|-\n${text.split("\n").map((l) => (l ? indent + l : "")).join("\n")}`;
    return quoted(text);
  }
  if (PLAIN.test(text) && !LOOKS_TYPED.test(text) && text === text.trim() && !/ #|: /.test(text)) return text;
  return quoted(text);
}

function lines(value, indent) {
  const out = [];
  for (const [key, child] of Object.entries(value)) {
    if (Array.isArray(child)) {
      out.push(`${indent}${key}:`);
      for (const item of child) {
        if (item && typeof item === "object") {
          const inner = lines(item, `${indent}    `);
          out.push(`${indent}  - ${inner[0].trimStart()}`, ...inner.slice(1));
        } else {
          out.push(`${indent}  - ${scalar(item, `${indent}    `)}`);
        }
      }
    } else if (child && typeof child === "object") {
      out.push(`${indent}${key}:`, ...lines(child, `${indent}  `));
    } else {
      out.push(`${indent}${key}: ${scalar(child, `${indent}  `)}`);
    }
  }
  return out;
}

/** The text of data/signatories/<slug>.yml for ``record`` (keys already in the schema's order). */
export function dumpRecord(record, schemaLine, comment) {
  return [schemaLine, ...(comment ? [`# ${comment}`] : []), ...lines(record, "")].join("\n") + "\n";
}
