/* The header's menu and search buttons on a phone are labels of Material's hidden checkboxes (#__drawer, #__search):
   a finger or a mouse can use them, a keyboard cannot reach them. Here each becomes a real button in its place: in
   the Tab order, named, working with Enter and Space, and saying whether its panel is open. It keeps the label's
   class and "for" attribute, which Material's stylesheet reads (to hide it where the panel is always shown). Escape
   closes the menu and returns to its button; an opened menu takes the focus. The closed menu and the closed search are out of the Tab order
   (site.css: visibility). Without JavaScript the labels stay as Material made them. */
(function () {
  var names = { __drawer: "Menu", __search: "Zoeken" };
  var buttons = {};
  document.querySelectorAll(".md-header label.md-header__button[for]").forEach(function (label) {
    var id = label.htmlFor, toggle = document.getElementById(id);
    if (!toggle || !names[id]) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    button.setAttribute("for", id);
    button.setAttribute("aria-label", names[id]);
    while (label.firstChild) button.appendChild(label.firstChild);
    label.replaceWith(button);
    var sync = function () { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); };
    sync();
    toggle.addEventListener("change", sync);
    button.addEventListener("click", function () {
      toggle.click();
      // An opened menu takes the focus, so the next Tab walks its links, not the rest of the header.
      var first = toggle.checked && id === "__drawer" && document.querySelector(".md-sidebar--primary a[href]");
      if (first) first.focus();
    });
    buttons[id] = button;
  });
  var drawer = document.getElementById("__drawer");
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !drawer || !drawer.checked) return;
    drawer.click();
    if (buttons.__drawer) buttons.__drawer.focus();
  });
})();
