// The proposal form's suggestions: Accept puts the entry into the form's own field (themes,
// frameworks, related proposals, or an actor row of the inline), Dismiss sets it aside. Nothing
// is stored until the editor saves the form.
"use strict";
(function () {
  const FIELDS = { theme: "id_themes", framework: "id_frameworks", related: "id_related" };

  function choose(select, pk, label) {
    let option = Array.from(select.options).find((o) => o.value === pk);
    if (!option) {
      option = new Option(label, pk, true, true);
      select.add(option);
    }
    option.selected = true;
    // The admin's autocomplete widget (select2) redraws from the select on a jQuery change.
    if (window.django && window.django.jQuery) {
      window.django.jQuery(select).trigger("change");
    } else {
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  function emptyActorSelect() {
    const rows = () =>
      Array.from(document.querySelectorAll('select[name^="actor_roles-"][name$="-actor"]')).filter(
        (s) => !s.name.includes("__prefix__") && !s.value
      );
    let free = rows();
    if (!free.length) {
      const add = document.querySelector("#actor_roles-group .add-row a");
      if (add) add.click();
      free = rows();
    }
    return free[0] || null;
  }

  function accept(item) {
    const { kind, pk, label } = item.dataset;
    const select = kind === "actor" ? emptyActorSelect() : document.getElementById(FIELDS[kind]);
    const state = item.querySelector(".kb-suggestion-state");
    if (!select) {
      state.textContent = "No free actor row: add one below, then accept again.";
      return;
    }
    if (kind === "actor") {
      const taken = Array.from(
        document.querySelectorAll('select[name^="actor_roles-"][name$="-actor"]')
      ).some((s) => s.value === pk);
      if (taken) {
        state.textContent = "Already in the actors below.";
        return;
      }
    }
    choose(select, pk, label);
    item.classList.add("kb-accepted");
    item.querySelectorAll("button").forEach((b) => (b.disabled = true));
    state.textContent = "Accepted: saved with the proposal.";
  }

  function dismiss(item) {
    item.classList.add("kb-dismissed");
    item.querySelectorAll("button").forEach((b) => (b.disabled = true));
    item.querySelector(".kb-suggestion-state").textContent = "Dismissed.";
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest(".kb-suggestion button");
    if (!button) return;
    const item = button.closest(".kb-suggestion");
    if (button.classList.contains("kb-accept")) accept(item);
    else if (button.classList.contains("kb-dismiss")) dismiss(item);
  });
})();
