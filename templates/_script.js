(function () {
  "use strict";
  // Linked passages: hovering or focusing a segment lights up every segment of the same passage.
  var segs = Array.prototype.slice.call(document.querySelectorAll(".seg[data-p]:not([data-p=''])"));
  function light(pid, on) {
    segs.forEach(function (s) { if (s.dataset.p === pid) { s.classList.toggle("lit", on); } });
  }
  function partner(seg) {
    var side = seg.closest("[data-side]");
    var other = document.querySelector("[data-side]:not([data-side='" + (side ? side.dataset.side : "") + "']) .seg[data-p='" + seg.dataset.p + "']");
    if (other) { other.scrollIntoView({ block: "nearest", inline: "nearest" }); }
  }
  segs.forEach(function (s) {
    s.tabIndex = 0;
    s.addEventListener("mouseenter", function () { light(s.dataset.p, true); partner(s); });
    s.addEventListener("mouseleave", function () { light(s.dataset.p, false); });
    s.addEventListener("focus", function () { light(s.dataset.p, true); partner(s); });
    s.addEventListener("blur", function () { light(s.dataset.p, false); });
  });
  // n / p move between passages; the location hash is the permalink (#p12).
  var anchors = Array.prototype.slice.call(document.querySelectorAll("[data-side='a'] .seg[id], [data-side='b'] .seg[id]:not([id$='-b'])"));
  anchors.sort(function (x, y) { return parseInt(x.id.slice(1), 10) - parseInt(y.id.slice(1), 10); });
  var at = -1;
  document.addEventListener("keydown", function (e) {
    if (e.target && (e.target.tagName === "INPUT" || e.target.tagName === "TEXTAREA")) { return; }
    if (!anchors.length || (e.key !== "n" && e.key !== "p")) { return; }
    at = e.key === "n" ? Math.min(anchors.length - 1, at + 1) : Math.max(0, at - 1);
    var target = anchors[at];
    target.focus();
    target.scrollIntoView({ block: "center" });
    history.replaceState(null, "", "#" + target.id);
  });
  // Sortable tables: click a header to sort by that column.
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.querySelectorAll("th"), function (th, col) {
      th.addEventListener("click", function () {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.querySelectorAll("th"), function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        rows.sort(function (r1, r2) {
          var x = r1.cells[col].dataset.sort || r1.cells[col].textContent.trim();
          var y = r2.cells[col].dataset.sort || r2.cells[col].textContent.trim();
          var nx = parseFloat(x), ny = parseFloat(y);
          var cmp = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
          return asc ? cmp : -cmp;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  // Search box: hides table rows that do not contain the typed text.
  Array.prototype.forEach.call(document.querySelectorAll("input.search[data-table]"), function (box) {
    box.addEventListener("input", function () {
      var needle = box.value.toLowerCase();
      var table = document.getElementById(box.dataset.table);
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = needle !== "" && row.textContent.toLowerCase().indexOf(needle) === -1;
      });
    });
  });
})();
