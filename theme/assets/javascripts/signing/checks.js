/* What the build checks, checked in the browser from the same sources (regels.json, made by
 * stemsite.editors.signing_rules): the signatory JSON Schema (lengths, lists, choices, patterns, required
 * fields and the schema's if/else), the formats and x- keywords of stemsite.validate (https addresses, dates
 * not in the future, one registered domain for website and proof), the characters a text may hold, and the
 * trust rules: no public-suffix or shared host, and an invited organisation's name only from a domain the
 * maintainers verified. Every problem is [path, Dutch message]; the page shows it next to its field.
 */

const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const INVISIBLE = /[\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\ufe00-\ufe0f\uffa0]/u;
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
const SCRIPTS = ["Latin", "Cyrillic", "Greek", "Armenian", "Georgian", "Cherokee", "Arabic", "Hebrew", "Han",
  "Hiragana", "Katakana", "Hangul", "Bopomofo", "Thai", "Devanagari", "Coptic", "Runic", "Ethiopic"]
  .map((name) => [name, new RegExp(`\\p{Script=${name}}`, "u")]);
const ALLOWED_MIXES = [["Latin", "Han", "Hiragana", "Katakana"], ["Latin", "Han", "Bopomofo"], ["Latin", "Han", "Hangul"]];
const RETYPE = "typ de tekst opnieuw zonder te kopiëren uit een andere bron";

export const length = (text) => [...text].length;

/** Today in Brussels as YYYY-MM-DD (the build's day: stemsite.project.today_in_brussels). */
export function todayInBrussels() {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels" }).format(new Date());
}

/** The host of an https address, or a Dutch [message, fix] (stemsite.validate.formats.check_https_url). */
export function httpsHost(value) {
  const fix = "schrijf het volledige adres dat begint met https://, bv. https://www.voorbeeld.be/";
  if (/[\s\x00-\x1f]/.test(value)) return { problem: "het adres bevat spaties of onzichtbare tekens — verwijder ze" };
  const scheme = value.includes(":") ? value.split(":", 1)[0].toLowerCase() : "";
  if (scheme !== "https") {
    return { problem: `${scheme ? `'${scheme}:'-adressen` : "adressen zonder https://"} zijn niet toegelaten, alleen https:// — ${fix}` };
  }
  if (!value.startsWith("https://")) return { problem: `het adres moet met kleine letters https:// beginnen — ${fix}` };
  const netloc = value.slice(8).split(/[/?#]/, 1)[0];
  if (netloc.includes("@")) return { problem: "een adres met gebruikersnaam of wachtwoord (iets@) is niet toegelaten — laat het deel voor de @ weg" };
  const host = netloc.toLowerCase();
  if (!HOST.test(host)) return { problem: `'${netloc || value}' is geen geldige domeinnaam — ${fix}` };
  return { host };
}

function dateProblem(value, today, notFuture) {
  if (!DATE.test(value)) return `'${value}' is geen datum in de vorm JJJJ-MM-DD — schrijf de datum als JJJJ-MM-DD, bv. 2025-03-14`;
  const [y, m, d] = value.split("-").map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) {
    return `'${value}' bestaat niet op de kalender — controleer dag en maand`;
  }
  if (y < 1900 || y > 2100) return `'${value}' ligt buiten de jaren 1900 tot 2100 — controleer het jaar`;
  if (notFuture && value > today) return `${value} ligt in de toekomst — kies een datum tot en met vandaag`;
  return null;
}

function scriptsOf(word) {
  return SCRIPTS.filter(([, pattern]) => pattern.test(word)).map(([name]) => name);
}

/** Why a text cannot be published as it is (stemsite.validate.characters, the common cases). */
export function characterProblems(value, multiline) {
  const found = [];
  if (INVISIBLE.test(value)) found.push(`bevat onzichtbare of tekstrichting-omkerende tekens — ${RETYPE}`);
  if (CONTROL.test(value)) found.push("bevat stuurtekens — typ de tekst opnieuw als gewone tekst");
  if (value.normalize("NFKC") !== value && /[\uff01-\uff5e\u{1d400}-\u{1d7ff}\u2460-\u24ff]/u.test(value)) {
    found.push("bevat letters of cijfers in een bijzondere vorm — typ de tekst opnieuw met gewone letters en cijfers");
  }
  for (const word of value.match(/[\p{L}\p{M}\p{N}]+/gu) || []) {
    const scripts = scriptsOf(word);
    if (scripts.length > 1 && !ALLOWED_MIXES.some((allowed) => scripts.every((s) => allowed.includes(s)))) {
      found.push(`het woord '${word}' mengt letters uit verschillende schriften, zodat het op een ander woord kan lijken — typ het opnieuw in één schrift`);
      break;
    }
  }
  if (!multiline && value.trim().includes("\n")) found.push("bevat een regeleinde — schrijf de tekst op één regel");
  return found;
}

/** The problems of one value against its (sub)schema, pushed as [path, message]. */
function walk(value, schema, path, parent, today, out) {
  if (value === undefined || value === null || !schema) return;
  if (schema.type === "object" && typeof value === "object") {
    const required = [...(schema.required || [])];
    const rule = schema.if && schema.if.properties;
    if (rule) {
      const [field, condition] = Object.entries(rule)[0];
      const branch = value[field] === condition.const ? schema.then : schema.else;
      required.push(...((branch && branch.required) || []));
    }
    for (const key of required) {
      if (value[key] === undefined || value[key] === "" || (Array.isArray(value[key]) && !value[key].length && schema.properties[key].minItems)) {
        out.push([[...path, key], "vul dit in"]);
      }
    }
    for (const [key, child] of Object.entries(value)) walk(child, (schema.properties || {})[key], [...path, key], value, today, out);
    return;
  }
  if (schema.type === "array" && Array.isArray(value)) {
    if (schema.minItems && value.length < schema.minItems) out.push([path, `minstens ${schema.minItems} nodig`]);
    if (schema.maxItems && value.length > schema.maxItems) out.push([path, `hoogstens ${schema.maxItems} — houd de belangrijkste over`]);
    if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) out.push([path, "staat er twee keer in"]);
    value.forEach((item, index) => walk(item, schema.items, [...path, index], null, today, out));
    return;
  }
  if (schema.type === "integer") {
    if (!Number.isInteger(value)) { out.push([path, `'${value}' is geen geheel getal — schrijf alleen cijfers, bv. 250`]); return; }
    if (schema.minimum !== undefined && value < schema.minimum) out.push([path, `moet minstens ${schema.minimum} zijn`]);
    if (schema.maximum !== undefined && value > schema.maximum) out.push([path, `mag hoogstens ${schema.maximum} zijn`]);
    return;
  }
  if (typeof value !== "string") return;
  if (schema.enum && !schema.enum.includes(value)) { out.push([path, "kies een waarde uit de lijst"]); return; }
  if (schema.minLength && length(value.trim()) < schema.minLength) out.push([path, "vul dit in"]);
  if (schema.maxLength && length(value) > schema.maxLength) {
    out.push([path, `te lang: ${length(value)} tekens, hoogstens ${schema.maxLength} — kort het in`]);
  }
  if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) out.push([path, schema["x-fix"] || "heeft niet de juiste vorm"]);
  if (schema.format === "https-url") {
    const checked = httpsHost(value);
    if (checked.problem) out.push([path, checked.problem]);
  }
  if (schema.format === "date") {
    const problem = dateProblem(value, today, schema["x-not-future"]);
    if (problem) out.push([path, problem]);
  }
  const sibling = schema["x-at-least"];
  if (sibling && parent && parent[sibling] && DATE.test(value) && value < parent[sibling]) {
    out.push([path, `${value} ligt voor ${parent[sibling]} — schrijf een datum vanaf ${parent[sibling]}`]);
  }
  for (const message of characterProblems(value, schema["x-markdown"])) out.push([path, message]);
}

/** A name in the form invited names are compared on (stemsite.editors.signing_trust.compact and words). */
export function folded(name, letters) {
  const mapped = [...name.normalize("NFKC").toLowerCase()].map((ch) => letters[ch] || ch).join("");
  return mapped.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").replace(/[^a-z0-9]+/g, " ").trim();
}

export function makeChecks(rules, registeredDomain) {
  const trust = rules.trust;

  function sharedHost(host) {
    return trust.sharedHosts.find((shared) => host === shared || host.endsWith(`.${shared}`));
  }

  async function domainProblems(record, out) {
    const domains = {};
    for (const key of ["website", "proof"]) {
      const value = record[key];
      if (typeof value !== "string" || !value) continue;
      const { host } = httpsHost(value);
      if (!host) continue;
      const shared = sharedHost(host);
      const domain = await registeredDomain(host);
      if (shared) {
        out.push([[key], `op ${shared} hebben veel organisaties een pagina, zodat niemand kan zien dat deze van jullie is — gebruik een adres op het eigen domein van je organisatie`]);
      } else if (!domain) {
        out.push([[key], `${host} is een domein dat vele eigenaars delen (een publiek achtervoegsel), geen domein van één organisatie — gebruik een adres op het eigen domein van je organisatie`]);
      }
      domains[key] = shared ? null : domain;
    }
    const [mine, theirs] = [domains.proof, domains.website];
    if (mine && theirs && mine !== theirs) {
      out.push([["proof"], `de bewijspagina staat op ${mine}, de website op ${theirs} — plaats de bewijspagina op je eigen domein (${theirs}) zodat we zien dat de organisatie zelf tekent`]);
    }
    return domains;
  }

  function invitedProblem(record, domains, out) {
    if (typeof record.name !== "string") return;
    const words = folded(record.name, trust.letters);
    const compact = words.replace(/ /g, "");
    for (const invited of trust.invited) {
      const hit = invited.names.includes(compact)
        || invited.words.some((w) => w.replace(/ /g, "").length > 2 && ` ${words} `.includes(` ${w} `));
      if (!hit) continue;
      const verified = invited.domains.length && ["website", "proof"].every((k) => invited.domains.includes(domains[k]));
      if (!verified) {
        out.push([["name"], `'${invited.label}' nodigt het STEM-platform zelf uit om te tekenen; daarom aanvaarden we die naam alleen vanaf een domein dat het STEM-platform voor die organisatie heeft nagekeken — teken je namens ${invited.label}, neem dan contact op met het STEM-platform: het controleert dat via jullie eigen website en zet jullie domein op de lijst`]);
      }
      return;
    }
  }

  /** Every problem of the record, [path, message], in the order of the form. */
  return async function check(record, today) {
    const out = [];
    walk(record, rules.schema, [], null, today, out);
    const domains = await domainProblems(record, out);
    invitedProblem(record, domains, out);
    return out;
  };
}
