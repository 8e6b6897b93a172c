// Injected by `annals serve` into the pages it serves; never written by
// `annals build`. Reloads the page when a rebuild changed it and shows a
// bad rebuild's errors over the page.
(function () {
  "use strict";
  var overlay = null;
  function show(text) {
    if (!overlay) {
      overlay = document.createElement("pre");
      overlay.id = "annals-error";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;inset:0;margin:0;z-index:2147483647;overflow:auto;" +
        "padding:2em;background:rgba(30,10,10,.94);color:#fff;" +
        "font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent =
      "annals: this build failed; the page shows the last good build.\n\n" + text;
  }
  // This page's output path, as the server names changed pages.
  function here() {
    var path = decodeURIComponent(location.pathname).slice(BASE_PATH.length);
    return path === "" || path.slice(-1) === "/" ? path + "index.html" : path;
  }
  var source = new EventSource(EVENTS_URL);
  source.addEventListener("reload", function (event) {
    var changed = JSON.parse(event.data);
    if (overlay || changed === "*" || changed.indexOf(here()) >= 0) {
      location.reload();
    }
  });
  source.addEventListener("build-error", function (event) {
    show(event.data);
  });
})();
