/* The charter wall's tiles from wand.json, for the filters of a paginated wall (see filters.js).
 *
 * The server lays out one page of the wall; when a visitor filters or sorts, filters.js fetches
 * charter/ondertekenaars/wand.json once and calls this renderer to build every tile, in the wall's order and
 * labelled with its category, exactly like the server's markup (theme/records/signatory-index.html).
 * Names come from pull requests: they only ever reach the page as text (textContent, setAttribute).
 */
(function () {
  "use strict";
  var stemFilters = (window.stemFilters = window.stemFilters || {});
  stemFilters.renderers = stemFilters.renderers || {};

  stemFilters.renderers["charter-wall"] = function (data, target, form, element) {
    var root = form.dataset.filterRoot || "";
    var at = {};
    data.fields.forEach(function (name, index) { at[name] = index; });
    var labels = {};
    data.categories.forEach(function (category) { labels[category.value] = category.label; });
    data.signatories.forEach(function (row) {
      if (!Object.prototype.hasOwnProperty.call(labels, row[at.category])) return;
      var name = String(row[at.name]);
      var tile = element("li", { "class": "charter-wall__tile", "data-filter-item": "",
        "data-categorie": row[at.category], "data-sector": row[at.sector] || "",
        "data-provincie": row[at.province] || "", "data-naam": name, "data-sort-naam": name,
        "data-sort-datum": row[at.signed_on] });
      if (row[at.employees]) tile.setAttribute("data-employees", row[at.employees]);
      var link = tile.appendChild(element("a", { href: root + row[at.url] }));
      if (row[at.logo]) {
        var box = link.appendChild(element("span", { "class": "charter-wall__logo" }));
        box.appendChild(element("img", { src: root + row[at.logo], alt: "", width: row[at.width],
          height: row[at.height], loading: "lazy", decoding: "async" }));
      }
      link.appendChild(element("span", { "class": "charter-wall__name" }, name));
      link.appendChild(element("span", { "class": "charter-wall__category" }, labels[row[at.category]]));
      target.appendChild(tile);
    });
  };
})();
