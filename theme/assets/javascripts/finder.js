/* Academy finder: a municipality name or postal code becomes the REFNIS codes academies list.
 *
 * Registers the matcher "gemeente" with the shared filter engine (filters.js), so it must load
 * before filters.js runs. The municipality index (api/gemeenten.json, from the reference package)
 * is fetched from this site only when a finder is on the page; until it arrives the matcher lets
 * every academy through, and once it arrives the form is filtered again. The same index fills the
 * <datalist> with names ("Gent") and postal codes ("9000 Gent") the first time the field gets focus.
 */
(function () {
  "use strict";
  var filters = (window.stemFilters = window.stemFilters || { matchers: {} });
  var index = null;

  function normalise(text) {
    return (text || "").toString().normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function buildIndex(data) {
    var byName = {}, byPostal = {}, names = {}, provinces = {};
    data.gemeenten.forEach(function (row) {
      var code = row[0], name = row[1], postals = row[2], others = row[3] || [];
      names[code] = name;
      provinces[code] = row[4];
      [name].concat(others).forEach(function (alias) {
        var key = normalise(alias);
        (byName[key] = byName[key] || []).push(code);
      });
      postals.forEach(function (postal) { (byPostal[postal] = byPostal[postal] || []).push(code); });
    });
    return { byName: byName, byPostal: byPostal, names: names, provinces: provinces, rows: data.gemeenten };
  }

  // The municipalities a typed text means: a postal code, an exact name, or else every name it begins.
  function resolve(value) {
    var text = normalise(value);
    var postal = text.match(/^(\d{4})(\s|$)/);
    if (postal) return index.byPostal[postal[1]] || [];
    if (index.byName[text]) return index.byName[text];
    var codes = [];
    Object.keys(index.byName).forEach(function (name) {
      if (name.indexOf(text) === 0) codes = codes.concat(index.byName[name]);
    });
    return codes;
  }
  filters.resolveMunicipality = function (value) { return index ? resolve(value) : null; };

  filters.matchers.gemeente = function (item, value, control) {
    if (!index) return true;
    var served = (item.getAttribute("data-" + control.dataset.filterKey) || "").split(/\s+/);
    return resolve(value).some(function (code) { return served.indexOf(code) !== -1; });
  };

  function fillDatalist(list) {
    var fragment = document.createDocumentFragment();
    index.rows.forEach(function (row) {
      var option = document.createElement("option");
      option.value = row[1];
      fragment.appendChild(option);
      row[2].forEach(function (postal) {
        var byCode = document.createElement("option");
        byCode.value = postal + " " + row[1];
        fragment.appendChild(byCode);
      });
    });
    list.replaceChildren(fragment);
  }

  // What to say when a typed text is no municipality: a postal code that does not exist says so plainly.
  function unknownPlace(value) {
    var text = value.trim();
    if (/^\d+$/.test(text) && text.length !== 4) {
      return "Een Belgische postcode heeft vier cijfers: \u201c" + text + "\u201d bestaat niet. Typ je postcode of de naam van je gemeente.";
    }
    if (/^\d{4}$/.test(text)) return "De postcode " + text + " bestaat niet in Belgi\u00eb. Kijk ze na of typ de naam van je gemeente.";
    return "Geen gemeente gevonden voor \u201c" + text + "\u201d. Kijk de schrijfwijze na of typ een postcode.";
  }

  function describe(form, input) {
    var hint = form.querySelector("[data-finder-hint]");
    if (!hint || !index) return;
    if (!hint.dataset.original) hint.dataset.original = hint.textContent;
    var value = input.value.trim();
    if (!value) { hint.textContent = hint.dataset.original; return; }
    var codes = resolve(value);
    if (codes.length === 0) {
      hint.textContent = unknownPlace(value);
    } else if (codes.length > 4) {
      hint.textContent = codes.length + " gemeenten beginnen met \u201c" + value + "\u201d: typ verder of kies er een uit de lijst.";
    } else {
      hint.textContent = "Academies in of actief in " + codes.map(function (c) { return index.names[c]; }).join(", ") + ".";
    }
  }

  // No academy on this site in the chosen municipality: the nearest ones (same arrondissement, the first two
  // digits of the REFNIS code; else the same province), copied as links into #finder-dichtbij. Runs after
  // filters.js has filtered the list (its listeners were added later, so this waits one turn).
  function showNearest(form, input) {
    var box = document.getElementById("finder-dichtbij"), list = document.getElementById(form.dataset.filterList);
    if (!box || !list || !index) return;
    var codes = input.value.trim() ? resolve(input.value) : [];
    var shown = list.querySelectorAll("[data-filter-item]:not([hidden])").length;
    if (input.value.trim() && !codes.length) {
      Array.prototype.forEach.call(document.querySelectorAll('[data-filter-count="' + list.id + '"]'), function (counter) {
        counter.textContent = unknownPlace(input.value);
      });
    }
    if (!codes.length || codes.length > 4 || shown) { box.hidden = true; return; }
    var place = codes.map(function (c) { return index.names[c]; }).join(", ");
    var items = Array.prototype.slice.call(list.querySelectorAll("[data-filter-item]"));
    function near(tokens) {
      return items.filter(function (item) {
        var own = (item.getAttribute("data-gebied") || "").split(/\s+/);
        return tokens.some(function (token) { return own.indexOf(token) !== -1; });
      });
    }
    var found = near(codes.map(function (c) { return "arr-" + c.slice(0, 2); })), where = "in de buurt (hetzelfde arrondissement)";
    if (!found.length) {
      found = near(codes.map(function (c) { return "prov-" + index.provinces[c]; }));
      where = "in dezelfde provincie";
    }
    var title = box.querySelector("[data-near-title]"), target = box.querySelector("[data-near-list]");
    title.textContent = "Deze site vermeldt nog geen academie in " + place + ". " +
      (found.length ? "Academies " + where + ":" : "Ook in de buurt staat er nog geen op deze site.");
    target.replaceChildren();
    found.forEach(function (item) {
      var link = item.querySelector("a"), line = item.querySelector(".finder-place-line");
      var entry = document.createElement("li"), copy = document.createElement("a");
      copy.href = link.href;
      copy.textContent = link.textContent;
      entry.appendChild(copy);
      if (line) entry.appendChild(document.createTextNode(" (" + line.textContent.trim().split(";")[0] + ")"));
      target.appendChild(entry);
    });
    target.hidden = !found.length;
    box.hidden = false;
  }

  function setup(form) {
    var input = form.querySelector('[data-filter-match="gemeente"]');
    if (!input || form.dataset.finderReady) return;
    form.dataset.finderReady = "1";
    function update() { describe(form, input); setTimeout(function () { showNearest(form, input); }, 0); }
    input.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("reset", function () { setTimeout(update, 0); });
    fetch(form.dataset.municipalityIndex, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        index = buildIndex(data);
        // The suggestions (some 1,400 options) are made when someone first goes to the field, not while the page
        // loads: on a phone they were most of the page's elements and of its blocking time (Lighthouse).
        var list = document.getElementById(input.getAttribute("list"));
        function suggest() {
          input.removeEventListener("focus", suggest);
          input.removeEventListener("input", suggest);
          if (list && !list.children.length) fillDatalist(list);
        }
        if (document.activeElement === input || input.value) suggest();
        else {
          input.addEventListener("focus", suggest);
          input.addEventListener("input", suggest);
        }
        describe(form, input);
        if (input.value) input.dispatchEvent(new Event("change", { bubbles: true }));
        else update();
        form.dataset.municipalitiesLoaded = "1";
      });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form.stem-filter[data-municipality-index]"), setup);
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
