// annals: keyboard shortcuts on every page. "/" focuses the search box
// (on the index); on an event page ← or k opens the previous event and
// → or j the next one. Keys typed into a form field are left alone.
(function () {
  "use strict";
  function typing(target) {
    return target.closest && target.closest("input, textarea, select, [contenteditable]");
  }
  function follow(rel) {
    var link = document.querySelector(".pager a[rel=" + rel + "]");
    if (link) { window.location.href = link.href; }
  }
  var keys = { ArrowLeft: "prev", k: "prev", ArrowRight: "next", j: "next" };
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) {
      return;
    }
    var search = document.getElementById("q");
    if (event.key === "/" && search && !search.closest("[hidden]")) {
      event.preventDefault();
      search.focus();
      search.select();
    } else if (keys[event.key] && !event.shiftKey && document.querySelector(".pager")) {
      event.preventDefault();
      follow(keys[event.key]);
    }
  });
  var hint = document.getElementById("keys");
  if (hint) { hint.hidden = false; }
})();
