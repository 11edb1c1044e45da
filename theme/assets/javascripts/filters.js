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
 *   - control names are the URL query parameters, so a filtered view can be shared.
 */
(function () {
  "use strict";
  var matchers = (window.stemFilters = window.stemFilters || { matchers: {} }).matchers;

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

    controls.forEach(function (control) {
      if (params.has(control.name)) control.value = params.get(control.name);
    });

    function apply(updateUrl) {
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
        counter.textContent = shown === items.length ? shown + " " + noun
          : shown + " van " + items.length + " " + noun;
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
