/* What the build checks, checked in the browser from the same sources (regels.json, made by
 * stemsite.editors.signing_rules): the signatory JSON Schema (lengths, lists, choices, patterns, required
 * fields and the schema's if/else), the formats and x- keywords of stemsite.validate (https addresses read as
 * stemsite.urls reads them, dates not in the future, a host that is no public suffix, one registered domain for
 * website and proof), the characters a text may hold, and the trust rules of stemsite.validate.trust, exported
 * as data with their Dutch messages (signing_rules_for_browser): no shared host, and an invited organisation's
 * name (in any spelling: the compact keys of stemsite.validate.invited) only from a domain the maintainers
 * verified. Every problem is [path, Dutch message]; the page shows it next to its field.
 */

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP = /^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const IPV4 = /^[0-9]+(\.[0-9]+){3}$/;
const FIX = "schrijf het volledige adres dat begint met https://, bv. https://www.voorbeeld.be/";
const WHAT = { website: "de website", proof: "de bewijspagina" };
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

/** An https address as stemsite.urls.read_https reads it: ``{host}``, or ``{problem}`` (Dutch, with the fix). */
export function readHttps(value) {
  const no = (message, fix = FIX) => ({ problem: `${message} — ${fix}` });
  if (/[\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Zs}]/u.test(value)) return no("het adres bevat spaties of onzichtbare tekens", "verwijder spaties en regeleinden");
  const scheme = value.includes(":") ? value.split(":", 1)[0].toLowerCase() : "";
  if (scheme !== "https") return no(`${scheme ? `'${scheme}:'-adressen` : "adressen zonder https://"} zijn niet toegelaten, alleen https://`);
  if (value.includes("\\")) {
    return no("het adres bevat een backslash (\\); een browser leest die als / en kan zo op een andere site uitkomen",
      "schrijf het adres met gewone schuine strepen (/)");
  }
  const after = value.slice(value.indexOf(":") + 1);
  const netloc = after.startsWith("//") ? after.slice(2).split(/[/?#]/, 1)[0] : "";
  const portText = /^(?:\[[^\]]*\]|[^:]*):(.*)$/.exec(netloc.split("@").pop());
  let port = null;
  if (portText && portText[1] !== "") {
    if (!/^[0-9]+$/.test(portText[1]) || Number(portText[1]) > 65535) return no(`'${value}' is geen geldig adres`);
    port = Number(portText[1]);
  }
  if ((netloc.match(/\[/g) || []).length !== (netloc.match(/\]/g) || []).length) return no(`'${value}' is geen geldig adres`);
  if (!value.startsWith("https://")) return no("het adres moet met kleine letters https:// beginnen");
  if (netloc.includes("@")) return no("een adres met gebruikersnaam of wachtwoord (iets@) is niet toegelaten", "laat het deel voor de @ weg");
  if (port !== null && port !== 443) return no(`'${netloc}' gebruikt poort ${port}; een website hoort op de gewone poort`, `laat ':${port}' weg uit het adres`);
  let name = port !== null || netloc.endsWith(":") ? netloc.slice(0, netloc.lastIndexOf(":")) : netloc;
  if (name.endsWith(".") && !name.endsWith("..")) name = name.slice(0, -1);
  const shown = netloc || value;
  if (name.includes("%")) return no(`'${shown}' bevat een gecodeerde domeinnaam (met %)`, "schrijf de domeinnaam gewoon uit");
  if (IPV4.test(name) || name.startsWith("[")) return no(`'${shown}' is een IP-adres, geen domeinnaam`, "schrijf de domeinnaam van de website, bv. https://www.voorbeeld.be/");
  const mixed = name.split(".").find((label) => scriptsOf(label).length > 1);
  if (mixed) return no(`de domeinnaam '${shown}' mengt letters uit verschillende schriften ('${mixed}'), zodat ze op een andere kan lijken`, "schrijf de domeinnaam zoals de organisatie hem zelf gebruikt");
  let host = name.toLowerCase();
  if (!/^[\x00-\x7f]*$/.test(name)) {
    try { host = new URL(`https://${name}/`).hostname; } catch (error) { return no(`'${shown}' is geen geldige domeinnaam`); }
  }
  const labels = host.split(".");
  if (host.length > 253 || labels.length < 2 || !TOP.test(labels[labels.length - 1]) || !labels.every((l) => LABEL.test(l))) {
    return no(`'${shown}' is geen geldige domeinnaam`);
  }
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
  if (schema.anyOf) {  // one value or a list: the branch of the value's kind
    const branch = schema.anyOf.find((b) => (b.type === "array") === Array.isArray(value)) || schema.anyOf[0];
    walk(value, branch, path, parent, today, out);
    return;
  }
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
    const checked = readHttps(value);
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

/** The compact keys of stemsite.validate.invited, from its rules as data (``compaction``). */
function makeInvited(trust) {
  const rules = trust.compaction;
  const split = /(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=\p{L})(?=\p{Nd})|(?<=\p{Nd})(?=\p{L})/u;
  const look = rules.lookalikes;
  // Older exports nested the folds under "replace"; both shapes are read.
  const capital = rules.capital_fold.replace || rules.capital_fold;
  const smallFolds = rules.small_fold.replace || rules.small_fold;
  const words = (text) => {
    const plain = [...text.normalize("NFKC")].filter((ch) => !INVISIBLE.test(ch) && !CONTROL.test(ch)).join("");
    const mapped = [...plain.normalize("NFD")].map((ch) => look[ch] || ch).join("");
    const bare = mapped.normalize("NFD").replace(/\p{M}/gu, "");
    return (bare.match(/[\p{L}\p{N}]+/gu) || []).flatMap((word) => word.split(split)).filter(Boolean);
  };
  const small = (glued) => smallFolds.reduce((text, [seen, read]) => text.split(seen).join(read),
    glued.toLowerCase().replace(/ß/g, "ss"));
  const capitals = (glued) => [...glued].map((ch) => capital[ch] || capital[ch.toUpperCase()] || ch.toUpperCase()).join("");
  const folds = [small, capitals];
  const longest = Math.max(0, ...trust.invited.flatMap((entry) => entry.keys.map((k) => k.length)));
  const limit = rules.whole_name_only_up_to;
  return function find(name) {
    const parts = words(name);
    const candidates = new Set();
    for (const fold of folds) {
      candidates.add(fold(parts.join("")));
      for (let start = 0; start < parts.length; start += 1) {
        let glued = "";
        for (const part of parts.slice(start)) {
          glued += part;
          if (glued.length > 2 * longest) break;
          const key = fold(glued);
          if (key.length > limit) candidates.add(key);
        }
      }
    }
    return trust.invited.filter((entry) => entry.keys.some((key) => candidates.has(key)));
  };
}

const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");

export function makeChecks(rules, registeredDomain) {
  const trust = rules.trust;
  const findInvited = makeInvited(trust);
  // A message is [text, fix]; a fix may differ per field ({website: ..., proof: ...}).
  const message = ([text, fix], values, key) => `${fill(text, values)} — ${fill(typeof fix === "string" ? fix : fix[key] || "", values)}`;

  async function domainProblems(record, schema, out) {
    const found = {};
    for (const key of ["website", "proof"]) {
      if (typeof record[key] !== "string" || !record[key]) continue;
      const { host } = readHttps(record[key]);
      if (!host) continue;
      found[key] = { host, domain: await registeredDomain(host) };
      const sub = schema.properties[key] || {};
      if (sub["x-own-domain"] && !found[key].domain) {
        out.push([[key], `${WHAT[key]} staat op ${host}, een publiek achtervoegsel waaronder iedereen een eigen naam kan aanmaken; zo'n adres hoort bij niemand in het bijzonder — geef een adres op het eigen domein van de organisatie, bv. https://www.organisatie.be/`]);
      }
      // A host that is itself a public suffix gets that message only (stemsite.validate.trust._shared).
      const shared = found[key].domain && trust.shared_hosts.find((s) => host === s.host || host.endsWith(`.${s.host}`));
      if (shared) out.push([[key], message(trust.messages.shared, { what: WHAT[key], host, label: shared.label }, key)]);
    }
    const [mine, theirs] = [found.proof, found.website];
    const own = (schema.properties.proof || {})["x-own-domain"];
    if (mine && theirs && !(own && (!mine.domain || !theirs.domain)) && !(mine.domain && mine.domain === theirs.domain)) {
      const there = theirs.domain || theirs.host;
      out.push([["proof"], `de bewijspagina staat op ${mine.domain || mine.host}, de website op ${there} — plaats de bewijspagina op je eigen domein (${there}) zodat we zien dat de organisatie zelf tekent`]);
    }
    return found;
  }

  function invitedProblem(record, found, out) {
    if (typeof record.name !== "string" || !record.name) return;
    for (const entry of findInvited(record.name)) {
      const domains = entry.verified_domains;
      const verified = ["website", "proof"].every((key) => found[key] && domains.includes(found[key].domain));
      if (verified) continue;
      const template = domains.length ? trust.messages.invited_with_domains : trust.messages.invited;
      out.push([["name"], message(template, { name: record.name, label: entry.label, domains: domains.join(", ") })]);
      return;
    }
  }

  /** Every problem of the record, [path, message], in the order of the form. */
  return async function check(record, today) {
    const out = [];
    walk(record, rules.schema, [], null, today, out);
    const found = await domainProblems(record, rules.schema, out);
    invitedProblem(record, found, out);
    return out;
  };
}
