// Injected by `annals serve` into the pages it serves; never written by
// `annals build`. Reloads the page when a rebuild changed it and shows a
// bad rebuild's errors over the page.
//
// The server calls this function with what it knows of the page, so the
// script needs no global of its own and never maps URLs to file names:
//   events: the URL of the event stream;
//   page:   the output path asked for ("index.html", "events/x.html"), as
//           the server names changed pages in "reload" messages; for a page
//           not found, the one asked for, so that it reloads once it exists;
//   build:  the number of the build the page comes from.
(function (live) {
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
  function hide() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }
  function parse(data) {
    try {
      return JSON.parse(data);
    } catch (error) {
      return "*";
    }
  }
  var source = new EventSource(live.events);
  // A build finished between this page being served and the stream
  // opening: the page may be stale.
  source.addEventListener("hello", function (event) {
    if (parse(event.data) !== live.build) {
      location.reload();
    }
  });
  source.addEventListener("reload", function (event) {
    var changed = parse(event.data);
    if (changed === "*" || !Array.isArray(changed) || changed.indexOf(live.page) >= 0) {
      location.reload();
    } else {
      // The good build left this page as it was: it is current again.
      hide();
    }
  });
  source.addEventListener("build-error", function (event) {
    show(event.data);
  });
})
