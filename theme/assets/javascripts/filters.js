/* Filters for lists (charter wall, galleries, academy finder, practices): progressive enhancement.
 *
 * Without JavaScript every list shows all its items and the filter form stays hidden.
 * With it, a <form class="stem-filter" data-filter-list="ID"> filters the items of #ID:
 *   - each control with data-filter-key="K" compares its value with the item's data-K attribute
 *     (a space-separated list of values); data-filter-match="text" matches a normalised substring
 *     (accents and case ignored), "range" checks data-K-min <= value <= data-K-max, and any name
 *     registered in window.stemFilters.matchers is called as matcher(item, value, control);
 *   - a control with data-filter-sort orders items by data-sort-<value> ("-x" = descending);
 *   - elements with data-filter-group around items are hidden when none of their items show;
 *   - [data-filter-count="ID"] tells how many items show (a polite live region);
 *   - a button with data-filter-toggle folds the fields named by its aria-controls (on a phone);
 *   - control names are the URL query parameters, so a filtered view can be shared.
 * A list the server split into pages (the charter wall) holds only its own page. Its form names the whole
 * list: data-filter-source (a same-origin JSON URL) and data-filter-render (a function registered in
 * window.stemFilters.renderers, called as render(data, list, form, element) to fill the list with every item;
 * element(tag, attributes, text) makes a node whose texts are only ever text, never HTML: data come from pull requests).
 * The JSON is fetched once, when a filter or the sort is first used (or set in the URL); while it loads, the
 * list is aria-busy (dimmed) and the count says so. While a filter is active every item shows and
 * [data-filter-paged="ID"] (the page links) hides; clearing the filters puts the server's page back.
 * data-filter-total is the size of the whole list, for the count.
 */
(function () {
  "use strict";
  var stemFilters = (window.stemFilters = window.stemFilters || {});
  var matchers = (stemFilters.matchers = stemFilters.matchers || {});
  stemFilters.renderers = stemFilters.renderers || {};

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function normalise(text) {
    return (text || "").toString().normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  matchers.text = function (item, value, control) {
    return normalise(item.getAttribute("data-" + control.dataset.filterKey)).indexOf(normalise(value)) !== -1;
  };
  matchers.range = function (item, value, control) {
    var key = "data-" + control.dataset.filterKey, number = parseFloat(value);
    var min = parseFloat(item.getAttribute(key + "-min")), max = parseFloat(item.getAttribute(key + "-max"));
    if (isNaN(number)) return true;
    return !isNaN(min) && !isNaN(max) && min <= number && number <= max;
  };
  matchers.values = function (item, value, control) {
    var values = (item.getAttribute("data-" + control.dataset.filterKey) || "").split(/\s+/);
    return values.indexOf(value) !== -1;
  };

  function setup(form) {
    var list = document.getElementById(form.dataset.filterList);
    if (!list) return;
    var items = Array.prototype.slice.call(list.querySelectorAll("[data-filter-item]"));
    var controls = Array.prototype.slice.call(form.querySelectorAll("[data-filter-key], [data-filter-sort]"));
    var counters = document.querySelectorAll('[data-filter-count="' + list.id + '"]');
    var params = new URLSearchParams(window.location.search);
    var source = form.dataset.filterSource, whole = null, loading = null, failed = false;
    var own = Array.prototype.slice.call(list.childNodes), ownItems = items;
    var paged = document.querySelectorAll('[data-filter-paged="' + list.id + '"]');
    var total = parseInt(form.dataset.filterTotal, 10);
    Array.prototype.forEach.call(counters, function (counter) { counter.dataset.filterInitial = counter.textContent; });

    controls.forEach(function (control) {
      if (params.has(control.name)) control.value = params.get(control.name);
    });

    function active() {
      return controls.some(function (control) {
        return control.value && control.value !== (control.dataset.filterDefault || "");
      });
    }

    // Paged list: every item while a filter is active (fetched once), the server's page otherwise.
    function choosePage(updateUrl) {
      if (!source) return true;
      var wanted = active() && !failed;
      if (wanted && !whole) {
        if (!loading) {
          showLoading();
          loading = fetch(source, { credentials: "same-origin" })
            .then(function (response) {
              if (!response.ok) throw new Error(response.status);
              return response.json();
            })
            .then(function (data) {
              var render = stemFilters.renderers[form.dataset.filterRender];
              var fragment = document.createDocumentFragment();
              render(data, fragment, form, element);
              whole = fragment;
            })
            .catch(function () { failed = true; })
            .then(function () { list.removeAttribute("aria-busy"); apply(updateUrl); });
        }
        return false;
      }
      var showWhole = wanted && whole;
      if (showWhole && items === ownItems) {
        own.forEach(function (node) { node.parentNode === list && list.removeChild(node); });
        list.appendChild(whole);
        items = Array.prototype.slice.call(list.querySelectorAll("[data-filter-item]"));
      } else if (!showWhole && items !== ownItems) {
        whole = document.createDocumentFragment();
        while (list.firstChild) whole.appendChild(list.firstChild);
        own.forEach(function (node) { list.appendChild(node); });
        items = ownItems;
      }
      Array.prototype.forEach.call(paged, function (nav) { nav.hidden = !!showWhole; });
      return true;
    }

    // Until the whole list arrives the page's own items stay, dimmed, and the count says why nothing changed yet.
    function showLoading() {
      list.setAttribute("aria-busy", "true");
      var noun = form.dataset.filterNoun || "resultaten";
      Array.prototype.forEach.call(counters, function (counter) {
        counter.textContent = "Alle " + (total ? total + " " : "") + noun + " laden…";
      });
    }

    // "1 academie", "2 academies": data-filter-noun-one names one item (Dutch: only 1 is singular).
    function nounFor(count) {
      return count === 1 && form.dataset.filterNounOne ? form.dataset.filterNounOne : (form.dataset.filterNoun || "resultaten");
    }

    function apply(updateUrl) {
      if (!choosePage(updateUrl)) return;
      var shown = 0, query = new URLSearchParams();
      items.forEach(function (item) {
        var visible = controls.every(function (control) {
          if (!control.dataset.filterKey || !control.value) return true;
          var matcher = matchers[control.dataset.filterMatch || "values"];
          return matcher(item, control.value, control);
        });
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      controls.forEach(function (control) {
        if (control.value && control.value !== control.dataset.filterDefault) query.set(control.name, control.value);
        if (control.hasAttribute("data-filter-sort") && control.value) sortItems(control.value);
      });
      Array.prototype.forEach.call(list.querySelectorAll("[data-filter-group]"), function (group) {
        group.hidden = !group.querySelector("[data-filter-item]:not([hidden])");
      });
      var noun = form.dataset.filterNoun || "resultaten";
      Array.prototype.forEach.call(counters, function (counter) {
        var all = items === ownItems && total ? total : items.length;
        if (source && items === ownItems && shown === items.length) counter.textContent = counter.dataset.filterInitial;
        else if (failed) counter.textContent = "De filters konden de volledige lijst niet laden; je ziet alleen deze pagina.";
        else if (!shown) counter.textContent = "Geen " + noun + " met deze keuze (van de " + all + " " + nounFor(all) + ").";
        else counter.textContent = shown === items.length ? all + " " + nounFor(all) : shown + " van " + all + " " + nounFor(all);
      });
      if (updateUrl) {
        var search = query.toString();
        history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
      }
    }

    function sortItems(order) {
      var descending = order.charAt(0) === "-", key = "data-sort-" + order.replace(/^-/, "");
      var sorted = items.slice().sort(function (a, b) {
        var x = a.getAttribute(key) || "", y = b.getAttribute(key) || "";
        var result = x.localeCompare(y, "nl", { numeric: true, sensitivity: "base" });
        return descending ? -result : result;
      });
      sorted.forEach(function (item) { item.parentNode.appendChild(item); });
    }

    // On a phone the fields fold behind a button (components.css); they start open when the URL already filters.
    Array.prototype.forEach.call(form.querySelectorAll("[data-filter-toggle]"), function (button) {
      var fields = document.getElementById(button.getAttribute("aria-controls"));
      function unfold(open) {
        button.setAttribute("aria-expanded", open ? "true" : "false");
        if (fields) fields.classList.toggle("is-open", open);
      }
      unfold(active());
      button.addEventListener("click", function () { unfold(button.getAttribute("aria-expanded") !== "true"); });
    });
    form.addEventListener("input", function () { apply(true); });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    form.hidden = false;
    apply(false);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form.stem-filter"), setup);
  }
  // Material's instant navigation replaces pages without reloading: listen to its document$ too.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
