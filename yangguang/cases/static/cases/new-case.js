/* The new-case page: choosing an entity found in the directory (buttons with data-entity, loaded by
 * htmx into #entity-choices) fills the party fields; the handler list is filtered by what is typed
 * in #handler-search; the items offered are those of the chosen kind of case (data-kind on each
 * option, the kind's category from #kind-categories). */
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

(function () {
  "use strict";
  var search = document.getElementById("handler-search");
  if (search) {
    search.addEventListener("input", function () {
      var q = search.value.trim().toLowerCase();
      var shown = 0;
      document.querySelectorAll("#handler-list li.handler").forEach(function (li) {
        var hit = !q || (li.dataset.search || "").toLowerCase().indexOf(q) >= 0;
        li.hidden = !hit;
        if (hit) shown += 1;
      });
      var none = document.getElementById("handler-none");
      if (none) none.hidden = shown > 0;
    });
  }
  var kind = document.getElementById("id_kind");
  var item = document.getElementById("id_item");
  var data = document.getElementById("kind-categories");
  if (kind && item && data) {
    var categories = JSON.parse(data.textContent || "{}");
    var narrow = function () {
      var category = categories[kind.value] || "";
      Array.prototype.forEach.call(item.options, function (opt) {
        if (!opt.value) return;
        var fits = opt.dataset.kind === category;
        opt.hidden = !fits;
        opt.disabled = !fits;
        if (!fits && opt.selected) item.value = "";
      });
    };
    kind.addEventListener("change", narrow);
    narrow();
  }
})();
