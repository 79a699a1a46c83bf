// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Selects marked data-autosubmit (sort, compare) apply as soon as a pointer picks an option.
  // From the keyboard, arrow keys only move the choice (they would otherwise load a page per
  // key press); the form's button applies it.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    var byKeyboard = false;
    select.addEventListener("keydown", function () { byKeyboard = true; });
    select.addEventListener("pointerdown", function () { byKeyboard = false; });
    select.addEventListener("change", function () { if (!byKeyboard) select.form.submit(); });
  });

  // On a phone the filters start folded, so the results come first; on a wider screen, where
  // their summary is hidden, they are always open.
  var facets = document.querySelector("details.facets-toggle");
  var narrow = window.matchMedia("(max-width: 60rem)");
  if (facets) {
    facets.open = !narrow.matches;
    narrow.addEventListener("change", function () { if (!narrow.matches) facets.open = true; });
  }

  // A passage chosen by #passage-<slug>: mark every piece of it, not only its first words.
  function showPassage() {
    var match = /^#passage-(.+)$/.exec(window.location.hash);
    document.querySelectorAll("mark.passage.is-target").forEach(function (el) {
      el.classList.remove("is-target");
    });
    if (!match) return;
    var slug = decodeURIComponent(match[1]);
    document.querySelectorAll("mark.passage").forEach(function (el) {
      if ((el.dataset.proposals || "").split(" ").indexOf(slug) !== -1) el.classList.add("is-target");
    });
  }
  window.addEventListener("hashchange", showPassage);
  showPassage();
})();

// "Copy citation": the citation stays selectable text without scripts; with them, one click copies it.
(function () {
  "use strict";
  document.querySelectorAll("button.copy-citation").forEach(function (button) {
    var target = document.getElementById(button.dataset.copyTarget);
    var status = button.parentNode.querySelector(".copy-status");
    if (!target || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.textContent.trim()).then(
        function () { status.textContent = "Copied."; },
        function () { status.textContent = "Could not copy: select the text instead."; }
      );
    });
  });
})();
