// newsdiff: small progressive enhancements. Every page works without this file.
"use strict";

(function () {
  // Copy-link buttons (shown only when the clipboard can be used).
  function setUpCopy(root) {
    root.querySelectorAll(".js-copy").forEach(function (button) {
      if (!navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var input = document.getElementById(button.dataset.copyTarget);
        var status = document.querySelector(".js-copy-status");
        navigator.clipboard.writeText(input.value).then(
          function () { if (status) status.textContent = "Link copied."; },
          function () { input.select(); if (status) status.textContent = "Press Ctrl+C to copy."; }
        );
      });
    });
  }

  // Hovering or focusing a sentence highlights its counterpart(s) in the same row.
  function highlight(event, on) {
    var cell = event.target.closest && event.target.closest(".cell[data-row]");
    if (!cell) return;
    document.querySelectorAll('.cell[data-row="' + cell.dataset.row + '"]').forEach(function (other) {
      if (other !== cell) other.classList.toggle("is-counterpart", on);
    });
  }
  document.addEventListener("mouseover", function (e) { highlight(e, true); });
  document.addEventListener("mouseout", function (e) { highlight(e, false); });
  document.addEventListener("focusin", function (e) { highlight(e, true); });
  document.addEventListener("focusout", function (e) { highlight(e, false); });

  // j / k move between rows of a comparison.
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select") return;
    if (event.key !== "j" && event.key !== "k") return;
    var rows = Array.prototype.slice.call(document.querySelectorAll("#comparison .row"));
    if (!rows.length) return;
    var current = document.activeElement && document.activeElement.closest(".row");
    var index = rows.indexOf(current);
    var next = event.key === "j" ? Math.min(index + 1, rows.length - 1) : Math.max(index - 1, 0);
    if (index === -1) next = 0;
    var target = rows[next].querySelector(".cell[tabindex]") || rows[next];
    target.focus();
    event.preventDefault();
  });

  // A row named in the URL (#pair-4) is scrolled to and marked, also after htmx swaps.
  function markTarget() {
    document.querySelectorAll(".row.is-targeted").forEach(function (r) { r.classList.remove("is-targeted"); });
    if (!location.hash) return;
    var row = document.getElementById(location.hash.slice(1));
    if (row && row.classList.contains("row")) {
      row.classList.add("is-targeted");
      row.scrollIntoView({ block: "center" });
    }
  }
  window.addEventListener("hashchange", markTarget);
  document.addEventListener("DOMContentLoaded", function () { setUpCopy(document); markTarget(); });
  document.addEventListener("htmx:afterSettle", function (e) { setUpCopy(e.target); });
})();
