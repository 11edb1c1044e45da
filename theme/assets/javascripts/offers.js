/* The offers of /aanbod/ from aanbod.json, for the filters of a paginated list (see filters.js).
 *
 * The server lays out one page of offers; when a visitor filters, filters.js fetches aanbod/aanbod.json once
 * and calls this renderer to build every offer, grouped by type in the vocabulary's order, like the server's
 * markup (theme/records/offers.html, theme/records/_offer.html). Texts come from pull requests: they only ever
 * reach the page as text (textContent, setAttribute), never as HTML.
 */
(function () {
  "use strict";
  var stemFilters = (window.stemFilters = window.stemFilters || {});
  stemFilters.renderers = stemFilters.renderers || {};

  function facts(row, at, audiences) {
    var parts = [];
    if (row[at.audience]) {
      parts.push("Voor: " + row[at.audience].split(" ").map(function (v) { return audiences[v] || v; }).join(", ") + ".");
    }
    if (row[at.municipality]) parts.push("In " + row[at.municipality] + ".");
    if (row[at.places]) parts.push(row[at.places] + (row[at.places] === 1 ? " plaats" : " plaatsen") + " per jaar.");
    if (row[at.until]) parts.push("Loopt tot " + row[at.until] + ".");
    return parts.join(" ");
  }

  stemFilters.renderers.offers = function (data, target, form, element) {
    var root = form.dataset.filterRoot || "";
    var at = {};
    data.fields.forEach(function (name, index) { at[name] = index; });
    var lists = {};
    data.types.forEach(function (type) {
      var section = element("section", { "class": "offers__group", "data-filter-group": "",
        "aria-labelledby": "soort-" + type.value });
      section.appendChild(element("h2", { id: "soort-" + type.value }, type.label));
      lists[type.value] = section.appendChild(element("ul", { "class": "offers__list" }));
      target.appendChild(section);
    });
    data.offers.forEach(function (row) {
      var list = lists[row[at.type]];
      var who = data.signatories[row[at.signatory]];
      if (!list || !who) return;
      var item = element("li", { "class": "offers__item", "data-filter-item": "", "data-soort": row[at.type],
        "data-provincie": row[at.province] || "", "data-voor": row[at.audience] || "",
        "data-sector": who[2] || "" });
      item.appendChild(element("a", { "class": "offers__who", href: root + who[0] + "#aanbod-" + row[at.number] },
        String(who[1])));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(element("span", { "class": "offer__description" }, String(row[at.description])));
      var more = facts(row, at, data.audiences || {});
      if (more || row[at.url]) {
        var span = item.appendChild(element("span", { "class": "offer__facts" }, more ? " " + more : ""));
        if (row[at.url]) {
          span.appendChild(document.createTextNode(" "));
          span.appendChild(element("a", { href: row[at.url], rel: "noopener" }, "Meer info over dit aanbod"));
        }
      }
      list.appendChild(item);
    });
  };
})();
