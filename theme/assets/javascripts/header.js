/* The header's menu and search buttons on a phone are labels of Material's hidden checkboxes (#__drawer, #__search):
   a finger or a mouse can use them, a keyboard cannot reach them. Here they become buttons: in the Tab order, named,
   opened and closed with Enter or Space, and saying whether their panel is open. Escape closes the menu and returns
   to its button. The closed menu and the closed search are out of the Tab order (site.css: visibility). */
(function () {
  var names = { __drawer: "Menu", __search: "Zoeken" };
  document.querySelectorAll(".md-header label.md-header__button[for]").forEach(function (label) {
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle || !names[label.htmlFor]) return;
    label.setAttribute("role", "button");
    label.setAttribute("aria-label", names[label.htmlFor]);
    label.tabIndex = 0;
    var sync = function () { label.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); };
    sync();
    toggle.addEventListener("change", sync);
    label.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      label.click();
    });
  });
  var drawer = document.getElementById("__drawer");
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !drawer || !drawer.checked) return;
    drawer.click();
    var button = document.querySelector('.md-header label[for="__drawer"]');
    if (button) button.focus();
  });
})();
