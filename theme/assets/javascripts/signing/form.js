/* The signing form on /charter/ondertekenen/ (theme/shortcodes/ondertekenformulier.html), as progressive
 * enhancement: where scripts do not run the form is not shown (main.html's <noscript> style) and the page's other routes remain;
 * its button is enabled once the rules are here.
 *
 * It checks every answer as the build does (checks.js, from regels.json), shows each problem in Dutch next to
 * its field (aria-invalid, aria-describedby) and in a summary, draws the preview (preview.js), and on submit
 * writes the signatory file (yaml.js) under the project's file name (slug.js) into GitHub's new-file page,
 * the signing issue form's answers and, when the platform has an address, an e-mail. Nothing is uploaded and
 * no other origin is contacted: every file it reads comes from this site.
 */
import { makeChecks, todayInBrussels } from "./checks.js";
import { drawPreview } from "./preview.js";
import { makePsl } from "./psl.js";
import { makeSlugger } from "./slug.js";
import { dumpRecord } from "./yaml.js";

const PREFIX = "ondertekenen";
copyButton(document.getElementById("ondertekenen-zin"));
const root = document.querySelector("[data-signing]");
if (root) start(root).catch((error) => { console.error(error); });

async function getJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

async function start(root) {
  const rulesUrl = new URL(root.dataset.rules, document.baseURI);
  const links = JSON.parse(root.dataset.links);
  const rules = await getJson(rulesUrl);
  const form = root.querySelector("form");
  const preview = root.querySelector(".signing-preview");
  const result = root.querySelector(".signing-result");
  const summary = form.querySelector(".signing-form__summary");
  const psl = makePsl(rules.pslParts, new URL(rules.psl, rulesUrl));
  const check = makeChecks(rules, psl);
  const slugify = makeSlugger(rules.slug, rulesUrl);
  const today = todayInBrussels();
  const touched = new Set();
  let places = null;
  let logo = null;

  const labels = { category: {}, type: {} };
  form.querySelectorAll("#ondertekenen-category option[value]").forEach((o) => { if (o.value) labels.category[o.value] = o.textContent; });
  form.querySelector("[data-item-template]").content.querySelectorAll("select[name=type] option").forEach((o) => {
    if (o.value) labels.type[o.value] = o.textContent;
  });

  // ---- ids: a path of the record ↔ the element that asks for it
  const idOf = (path) => [PREFIX, ...path.map((p) => (typeof p === "number" ? p + 1 : p))].join("-");
  const controlOf = (path) => document.getElementById(idOf(path));

  function setError(path, message) {
    let target = controlOf(path);
    while (!target && path.length > 1) { path = path.slice(0, -1); target = controlOf(path); }
    if (!target) target = controlOf(["name"]);
    const id = target.id;
    const error = document.getElementById(`${id}-error`);
    if (!error) return null;
    if (error.hidden) { error.textContent = ""; error.hidden = false; }
    error.textContent = error.textContent ? `${error.textContent} ${capital(message)}.` : `${capital(message)}.`;
    if (target.matches("input, select, textarea")) target.setAttribute("aria-invalid", "true");
    const described = new Set((target.getAttribute("aria-describedby") || "").split(" ").filter(Boolean));
    described.add(error.id);
    target.setAttribute("aria-describedby", [...described].join(" "));
    return target;
  }

  function clearErrors(scope) {
    scope.querySelectorAll(".signing-field__error").forEach((error) => {
      error.hidden = true; error.textContent = "";
      const target = document.getElementById(error.id.replace(/-error$/, ""));
      if (!target) return;
      target.removeAttribute("aria-invalid");
      const rest = (target.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && id !== error.id);
      if (rest.length) target.setAttribute("aria-describedby", rest.join(" ")); else target.removeAttribute("aria-describedby");
    });
  }

  const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);

  // ---- reading the form into a record, in the schema's order
  async function municipalities() {
    if (!places) {
      places = getJson(new URL(rules.municipalities, rulesUrl)).then((index) => {
        const byName = new Map();
        const names = new Map();
        const list = document.getElementById("ondertekenen-gemeenten");
        for (const [code, name, , others] of index.gemeenten) {
          names.set(code, name);
          for (const n of [name, ...others]) byName.set(n.toLocaleLowerCase("nl"), code);
          list.appendChild(Object.assign(document.createElement("option"), { value: name }));
        }
        return { byName, names };
      });
    }
    return places;
  }

  function text(control) { return control ? control.value.trim() : ""; }

  async function value(key, schema, scope, path) {
    const id = idOf(path);
    if (schema.type === "array" && schema.items && schema.items.type === "object") {
      const items = [...scope.querySelectorAll(`[data-group="${key}"] > ol > [data-item]`)];
      const list = [];
      for (let i = 0; i < items.length; i += 1) {
        const item = {};
        for (const [child, sub] of Object.entries(schema.items.properties)) {
          const v = await value(child, sub, items[i], [...path, i, child]);
          if (v !== undefined) item[child] = v;
        }
        list.push(item);
      }
      return list.length ? list : undefined;
    }
    if (schema.type === "array" || (schema.anyOf || []).some((branch) => branch.type === "array")) {
      const ticked = [...document.querySelectorAll(`#${id} input:checked`)].map((box) => box.value);
      return ticked.length ? ticked : undefined;
    }
    const control = document.getElementById(id);
    const typed = control && control.type === "file" ? "" : text(control);
    if (!typed) return undefined;
    if (schema.type === "integer") return /^[0-9]{1,3}([. ]?[0-9]{3})*$/.test(typed) ? Number(typed.replace(/[. ]/g, "")) : typed;
    if (schema["x-reference"] === "municipality") {
      const found = (await municipalities()).byName.get(typed.toLocaleLowerCase("nl"));
      return found || { unknown: typed };
    }
    return control.tagName === "TEXTAREA" && !schema["x-markdown"] ? typed.replace(/\s+/g, " ") : typed;
  }

  async function readRecord() {
    const record = {};
    const unknownPlaces = [];
    for (const [key, schema] of Object.entries(rules.schema.properties)) {
      if (key === "$schema" || !form.querySelector(`[data-field="${key}"], [data-group="${key}"]`)) continue;
      const v = await value(key, schema, form, [key]);
      if (v !== undefined) record[key] = v;
    }
    const visit = (node, path) => {
      if (node && typeof node === "object" && !Array.isArray(node)) {
        for (const [k, v] of Object.entries(node)) {
          if (v && typeof v === "object" && "unknown" in v) { unknownPlaces.push([[...path, k], v.unknown]); delete node[k]; } else visit(v, [...path, k]);
        }
      } else if (Array.isArray(node)) node.forEach((v, i) => visit(v, [...path, i]));
    };
    visit(record, []);
    return { record, unknownPlaces };
  }

  async function problemsOf(record, unknownPlaces) {
    const found = await check(record, today);
    for (const [path, typed] of unknownPlaces) found.push([path, `'${typed}' is geen gemeente die we kennen — kies de gemeente uit de lijst die verschijnt terwijl je typt`]);
    found.push(...logoProblems());
    return found;
  }

  // ---- the logo: checked like the build checks it, shown from this computer only
  let logoChecked = [];
  async function readLogo(file) {
    if (logo) URL.revokeObjectURL(logo.url);
    logo = null;
    logoChecked = [];
    if (!file) return;
    const ext = (file.name.split(".").pop() || "").toLowerCase();
    const kind = ext === "svg" ? "svg" : "raster";
    if (!rules.logo.extensions.includes(ext)) {
      logoChecked.push(`een ${ext ? `.${ext}-bestand` : "bestand zonder extensie"} kan niet — kies een ${rules.logo.extensions.map((e) => e.toUpperCase()).join(", ")}`);
      return;
    }
    if (file.size > rules.logo.maxBytes[kind]) {
      logoChecked.push(`het bestand is ${Math.ceil(file.size / 1024)} kB, hoogstens ${Math.floor(rules.logo.maxBytes[kind] / 1024)} kB — maak het kleiner`);
      return;
    }
    if (kind === "svg") {
      const source = await file.text();
      if (/<script|\son[a-z]+\s*=|<foreignObject|(?:xlink:)?href\s*=\s*["']\s*(?!#)|url\(\s*["']?\s*(?!#)/i.test(source)) {
        logoChecked.push("de SVG bevat een script, een link naar buiten of een ingebed object — bewaar het logo opnieuw als gewone SVG, met tekst omgezet naar paden");
        return;
      }
    }
    const url = URL.createObjectURL(file);
    const image = new Image();
    image.src = url;
    try { await image.decode(); } catch (error) {
      logoChecked.push("dit bestand kunnen we niet als afbeelding lezen — bewaar het logo opnieuw als SVG, PNG, JPEG of WebP");
      URL.revokeObjectURL(url);
      return;
    }
    const [w, h] = [image.naturalWidth, image.naturalHeight];
    if (kind === "raster" && Math.min(w, h) < rules.logo.minSide) {
      logoChecked.push(`het logo is ${w} × ${h} pixels — gebruik een afbeelding van minstens ${rules.logo.minSide} pixels hoog en breed`);
    }
    if (kind === "raster" && w * h > rules.logo.maxPixels) {
      logoChecked.push(`het logo heeft ${Math.round(w * h / 1e6)} megapixel — hoogstens ${rules.logo.maxPixels / 1e6} megapixel`);
    }
    if (Math.max(w, h) > rules.logo.maxAspect * Math.min(w, h)) {
      const ratio = Math.round(Math.max(w, h) / Math.min(w, h));
      logoChecked.push(`het logo is te langgerekt (${w} × ${h}, ${ratio} keer zo ${w > h ? "breed als hoog" : "hoog als breed"}); hoogstens ${rules.logo.maxAspect} keer is toegelaten — snij het bij of bewaar het met meer ruimte rond het beeld`);
    }
    logo = { url, ext };
  }
  const logoProblems = () => {
    const input = document.getElementById(`${PREFIX}-logo`);
    if (!input.files.length) return [[["logo"], "kies het bestand van je logo"]];
    return logoChecked.map((message) => [["logo"], message]);
  };

  // ---- showing problems
  function show(found) {
    clearErrors(form);
    const targets = [];
    for (const [path, message] of found) {
      const target = setError(path, message);
      if (target) targets.push([target, message]);
    }
    return targets;
  }

  function showSummary(targets) {
    summary.replaceChildren();
    if (!targets.length) { summary.hidden = true; return; }
    const heading = summary.appendChild(document.createElement("p"));
    heading.textContent = targets.length === 1 ? "Eén antwoord moet nog beter:" : `${targets.length} antwoorden moeten nog beter:`;
    const list = summary.appendChild(document.createElement("ul"));
    for (const [target, message] of targets) {
      const item = list.appendChild(document.createElement("li"));
      const link = item.appendChild(document.createElement("a"));
      link.href = `#${target.id}`;
      const label = target.matches("fieldset") ? target.querySelector("legend") : document.querySelector(`label[for="${target.id}"]`);
      // The summary names what is wrong; how to fix it stands next to the field.
      link.textContent = `${label ? label.textContent.replace(/\s*\*$/, "").trim() : ""}: ${capital(message.split(" — ")[0])}`;
      link.addEventListener("click", (event) => { event.preventDefault(); target.focus(); });
    }
    summary.hidden = false;
  }

  // ---- conditionally required fields (website and proof, unless the signatory is a person)
  function applyConditions() {
    for (const control of form.querySelectorAll("[data-unless]")) {
      const [field, value] = control.dataset.unless.split("=");
      const needed = text(document.getElementById(`${PREFIX}-${field}`)) !== value;
      control.required = needed;
      const star = form.querySelector(`label[for="${control.id}"] .signing-field__star`);
      if (star) star.hidden = !needed;
    }
  }

  // ---- repeatable groups
  function renumber(group) {
    const items = [...group.querySelectorAll(":scope > ol > [data-item]")];
    const min = Number(group.dataset.min || 0);
    const max = Number(group.dataset.max || 0);
    items.forEach((item, index) => {
      const number = index + 1;
      item.querySelector("[data-item-number]").textContent = String(number);
      item.querySelectorAll("[id]").forEach((node) => { node.id = node.id.replace(/^(ondertekenen-[a-z_]+-)(\d+|__i__)-/, `$1${number}-`); });
      item.querySelectorAll("[for]").forEach((node) => { node.htmlFor = node.htmlFor.replace(/^(ondertekenen-[a-z_]+-)(\d+|__i__)-/, `$1${number}-`); });
      item.querySelectorAll("[aria-describedby]").forEach((node) => {
        node.setAttribute("aria-describedby", node.getAttribute("aria-describedby").replace(/(ondertekenen-[a-z_]+-)(\d+|__i__)-/g, `$1${number}-`));
      });
      const remove = item.querySelector("[data-remove]");
      remove.hidden = items.length <= min;
      remove.textContent = `Verwijder ${group.querySelector("legend").firstChild.textContent.trim().toLowerCase()} ${number}`;
    });
    group.querySelector("[data-add]").hidden = Boolean(max) && items.length >= max;
  }

  function addItem(group) {
    const item = group.querySelector("[data-item-template]").content.firstElementChild.cloneNode(true);
    group.querySelector(":scope > ol").appendChild(item);
    renumber(group);
    item.querySelector("select, input, textarea").focus();
  }

  for (const group of form.querySelectorAll("[data-group]")) {
    const legend = group.querySelector("legend");
    group.querySelector("[data-add]").textContent = `${group.querySelector("[data-item-template]").content.querySelector("legend").firstChild.textContent.trim()} toevoegen`;
    legend.dataset.label = legend.textContent;
    group.addEventListener("click", (event) => {
      if (event.target.closest("[data-add]")) addItem(group);
      const remove = event.target.closest("[data-remove]");
      if (remove) {
        remove.closest("[data-item]").remove();
        renumber(group);
        group.querySelector("[data-add]").focus();
        refresh();
      }
    });
    renumber(group);
  }

  // ---- live preview and checks while typing
  let pending = 0;
  async function refresh(changed) {
    const ticket = ++pending;
    applyConditions();
    const { record, unknownPlaces } = await readRecord();
    if (ticket !== pending) return;
    const { names } = places ? await places : { names: new Map() };
    drawPreview(preview, record, labels, logo && logo.url, (code) => names.get(code) || "");
    if (changed) touched.add(changed);
    if (touched.size) {
      const found = await problemsOf(record, unknownPlaces);
      if (ticket !== pending) return;
      clearErrors(form);
      for (const [path, message] of found) if (touched.has(idOf(path)) || touched.has(idOf(path.slice(0, 1)))) setError(path, message);
    }
  }

  form.addEventListener("input", (event) => {
    if (event.target.type !== "file") refresh();
  });
  form.addEventListener("change", async (event) => {
    const control = event.target;
    if (control.type === "file") await readLogo(control.files[0]);
    refresh(fieldId(control));
  });
  form.addEventListener("focusout", (event) => { if (event.target.matches("input, select, textarea")) refresh(fieldId(event.target)); });
  form.addEventListener("focusin", (event) => { if (event.target.matches("[data-municipality]")) municipalities(); });

  function fieldId(control) {
    const box = control.closest("fieldset.signing-field--choices");
    return box ? box.id : control.id;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const { record, unknownPlaces } = await readRecord();
    const found = await problemsOf(record, unknownPlaces);
    const slug = record.name ? await slugify(record.name) : "";
    if (record.name && !slug) found.push([["name"], "uit deze naam kunnen we geen bestandsnaam maken — schrijf de naam (ook) in Latijnse letters"]);
    if (slug && !found.length) {
      const taken = await getJson(new URL(rules.taken, rulesUrl));
      if (taken.includes(slug)) found.push([["name"], `er staat al een ondertekenaar met de bestandsnaam '${slug}' op de site — heeft je organisatie al getekend? Vraag dan een wijziging aan via de pagina van die ondertekenaar`]);
      if (rules.reserved.includes(slug)) found.push([["name"], `de naam '${slug}' gebruikt de site zelf — voeg een woord toe aan de naam`]);
    }
    for (const [path] of found) touched.add(idOf(path.slice(0, 1)));
    const targets = show(found).sort(([a], [b]) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : a === b ? 0 : 1));
    showSummary(targets);
    if (targets.length) { result.hidden = true; summary.focus(); return; }
    finish(record, slug);
  });

  function finish(record, slug) {
    const file = `${slug}.yml`;
    const yaml = dumpRecord(record, rules.schemaLine, "Gemaakt met het formulier op de site.");
    const set = (name, attribute, content) => {
      const node = result.querySelector(`[data-result="${name}"]`);
      if (attribute) node.setAttribute(attribute, content); else node.textContent = content;
      if (attribute === "href" && !content.startsWith("mailto:")) Object.assign(node, { rel: "nofollow noopener", target: "_blank" });
      return node;
    };
    set("file", "", `${rules.folder}/${file}`);
    set("folder", "", rules.folder);
    set("logo-name", "", `${slug}.${logo.ext}`);
    set("yaml", "", yaml);
    set("new-file", "href", `${links.newFile}?filename=${encodeURIComponent(file)}&value=${encodeURIComponent(yaml)}`);
    set("upload", "href", links.upload);
    const answers = issueAnswers(record);
    const issueBlock = result.querySelector("[data-result-issue-block]");
    issueBlock.hidden = !links.issue.url;
    if (links.issue.url) {
      const query = [["template", links.issue.template], ["title", links.issue.title + record.name], ...Object.entries(answers)];
      set("issue", "href", `${links.issue.url}?${query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&")}`);
    }
    if (links.mail && result.querySelector('[data-result="mail"]')) {
      const [before, after] = links.mail.mark.split("{}");
      const body = links.mail.body.replace(new RegExp(`${before}([^${before}]+)${after}`, "g"), (_, id) => answers[id] || "");
      set("mail", "href", `mailto:${links.mail.to}?subject=${encodeURIComponent(links.mail.subject + record.name)}&body=${encodeURIComponent(body)}`);
    }
    result.hidden = false;
    result.focus();
  }

  /** Each question of the issue form (only those it has: links.issue.plan) answered the way its reader reads it. */
  function issueAnswers(record) {
    const answers = {};
    const at = (path) => path.reduce((node, key) => (node == null ? undefined : node[key]), record);
    const label = (step, v) => { const i = (step.values || []).indexOf(v); return i >= 0 ? step.labels[i] : String(v); };
    for (const step of links.issue.plan) {
      const v = at(step.path);
      if (v === undefined || v === "") continue;
      if (step.parse === "choice") answers[step.id] = label(step, v);
      else if (step.parse === "list") answers[step.id] = v.join(", ");
      else if (step.parse === "items") {
        answers[step.id] = v.map((item) => step.parts.map((part) => {
          const x = item[part.name];
          if (x === undefined) return "";
          return Array.isArray(x) ? x.map((y) => label(part, y)).join(", ") : label(part, x);
        }).join(" | ").replace(/(\s\|\s)+$/, "")).join("\n");
      } else if (step.parse !== "choices") answers[step.id] = String(v);
    }
    return answers;
  }

  // ---- start: today as the default date, the button ready
  for (const date of form.querySelectorAll("input[type=date][data-not-future]")) date.max = today;
  for (const date of form.querySelectorAll("input[type=date][data-today]")) if (!date.value) date.value = today;
  form.querySelector("button[type=submit]").disabled = false;
  applyConditions();
  refresh();
}

/** A copy button after the sentence for the proof page (without a script the sentence is plain text to select). */
function copyButton(sentence) {
  // The button is in the page from the start (nothing moves when this runs); without a clipboard it goes.
  const row = sentence && sentence.nextElementSibling;
  if (!row || !row.classList.contains("signing-copy__row")) return;
  if (!navigator.clipboard) { row.hidden = true; return; }
  const status = row.querySelector(".signing-copy__status");
  row.querySelector("button").addEventListener("click", async () => {
    await navigator.clipboard.writeText(sentence.textContent.trim().replace(/\s+/g, " "));
    status.textContent = "Gekopieerd.";
  });
}
