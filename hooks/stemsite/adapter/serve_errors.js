// Only while `make serve` runs (stemsite.adapter.serve): when the data are invalid, the build stops before
// it empties the site, so the last good page stays, and this shows the Dutch error list over it, as text.
// The next good build empties the site folder: the file is gone, the live reload shows the new page.
(function () {
  "use strict";
  var address = new URL("../../stemsite-fouten.json", document.currentScript.src).href;
  var box = null;

  function show(text) {
    if (!box) {
      box = document.createElement("pre");
      box.id = "stemsite-fouten";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;margin:0;" +
        "padding:1rem;background:#fff4f4;color:#5c0011;border-top:4px solid #b00020;z-index:10000;" +
        "white-space:pre-wrap;font:14px/1.5 monospace";
      document.body.appendChild(box);
    }
    box.textContent = text;
  }

  function hide() {
    if (box) {
      box.remove();
      box = null;
    }
  }

  function check() {
    fetch(address, { cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (found) {
        if (found && found.fouten) {
          show(found.fouten);
        } else {
          hide();
        }
      })
      .catch(hide)
      .finally(function () { setTimeout(check, 1000); });
  }

  check();
})();
