/* The live preview of the signing form: the wall tile and the signatory's page as theme/records/signatory.html
 * and signatory-index.html lay them out (same classes, so the site's styles apply). Everything typed reaches the
 * page as text only (textContent); the logo is an object URL of the file chosen on this computer, in an <img>,
 * where an SVG runs nothing. Nothing leaves the browser.
 */

function element(tag, attributes, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

const dateFormat = new Intl.DateTimeFormat("nl-BE", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const numberFormat = new Intl.NumberFormat("nl-BE");

function dutchDate(value) {
  const [y, m, d] = (value || "").split("-").map(Number);
  return y && m && d ? dateFormat.format(new Date(Date.UTC(y, m - 1, d))) : "";
}

/** Draw the tile and the page for ``record``; ``labels`` gives Dutch labels of choices, ``logo`` an object URL. */
export function drawPreview(root, record, labels, logo, placeName) {
  const name = record.name || "Je naam";
  root.querySelector('[data-preview="name"]').textContent = name;
  root.querySelector('[data-preview="category"]').textContent = labels.category[record.category] || "";
  const box = root.querySelector("[data-preview-logo]");
  box.hidden = !logo;
  box.replaceChildren(...(logo ? [element("img", { src: logo, alt: "" })] : []));

  const page = root.querySelector("[data-preview-page]");
  page.replaceChildren();
  if (logo) {
    const holder = page.appendChild(element("div", { class: "signatory__logo" }));
    holder.appendChild(element("img", { src: logo, alt: `Logo van ${name}` }));
  }
  page.appendChild(element("p", { class: "signing-preview__title" }, name));
  const facts = page.appendChild(element("dl", { class: "record-facts" }));
  const fact = (label, value) => {
    if (!value) return;
    facts.appendChild(element("dt", {}, label));
    facts.appendChild(element("dd", {}, value));
  };
  fact("Soort", labels.category[record.category]);
  fact("Ondertekend op", dutchDate(record.signed_on));
  fact("Sector", record.sector);
  fact("Gemeente", placeName(record.municipality));
  fact("Medewerkers", Number.isInteger(record.employees) ? numberFormat.format(record.employees) : "");
  fact("Website", record.website);
  for (const paragraph of (record.description || "").split(/\n{2,}/)) {
    if (paragraph.trim()) page.appendChild(element("p", { class: "signatory__description" }, paragraph.trim()));
  }
  page.appendChild(element("p", { class: "signing-preview__heading" }, "Engagementen"));
  page.appendChild(element("p", {}, `Als ondertekenaar van het charter engageert ${name} zich tot:`));
  for (const [type, label] of Object.entries(labels.type)) {
    const offers = (record.commitments || []).filter((c) => c.type === type && c.description);
    if (!offers.length) continue;
    const section = page.appendChild(element("div", { class: "signatory__commitment" }));
    section.appendChild(element("p", { class: "signing-preview__subheading" }, label));
    const list = section.appendChild(element("ul"));
    for (const offer of offers) list.appendChild(element("li", {}, offer.description));
  }
}
