/* The new-case page: choosing an entity found in the directory (buttons with data-entity, loaded by
 * htmx into #entity-choices) fills the party fields. */
(function () {
  "use strict";
  document.addEventListener("click", function (ev) {
    var b = ev.target instanceof Element ? ev.target.closest("button[data-entity]") : null;
    if (!b) return;
    ev.preventDefault();
    var set = function (id, v) { var el = document.getElementById(id); if (el) el.value = v || ""; };
    set("id_party_kind", "organization");
    set("id_party_name", b.dataset.name);
    set("id_party_id_number", b.dataset.uscc);
    set("id_party_legal_representative", b.dataset.rep);
    set("id_party_address", b.dataset.address);
    set("id_party_phone", b.dataset.phone);
    document.getElementById("entity-choices").textContent = "";
  });
})();
