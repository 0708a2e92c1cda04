(function () {
  "use strict";
  // Article texts: a report writes each text once (articles/<key>.js sets window.compareTexts);
  // a page that stands alone carries its two texts as JSON. Each passage element holds only its
  // offsets in code points (data-r) and the changed stretches inside it (data-m); the text between
  // passages goes in between them. All of it is inserted as text nodes, never parsed as markup.
  var texts = window.compareTexts || {};
  var textNodes = {};
  var inline = document.getElementById("compare-texts");
  if (inline) {
    var carried = JSON.parse(inline.textContent);
    Object.keys(carried).forEach(function (key) { texts[key] = carried[key]; });
  }
  Array.prototype.forEach.call(document.querySelectorAll(".text[data-text]"), function (box) {
    var text = texts[box.dataset.text];
    if (typeof text !== "string") {
      box.textContent = "The text of this article (" + box.dataset.text + ") is missing from the report folder.";
      return;
    }
    var chars = Array.from(text);
    var at = 0;
    var drawn = textNodes[box.dataset.side] = [];
    function piece(end, into, before, marked) {
      if (end <= at) { return; }
      var node = document.createTextNode(chars.slice(at, end).join(""));
      drawn.push({ node: node, start: at, chars: chars.slice(at, end) });
      if (marked) {
        var mark = document.createElement("mark");
        mark.appendChild(node);
        node = mark;
      }
      into.insertBefore(node, before);
      at = end;
    }
    Array.prototype.forEach.call(box.querySelectorAll("span[data-r]"), function (span) {
      var range = span.dataset.r.split(",").map(Number);
      var marks = span.dataset.m ? span.dataset.m.split(",").map(Number) : [];
      piece(range[0], box, span, false);
      for (var i = 0; i + 1 < marks.length; i += 2) {
        piece(range[0] + marks[i], span, null, false);
        piece(range[0] + marks[i + 1], span, null, true);
      }
      piece(range[1], span, null, false);
    });
    piece(chars.length, box, null, false);
  });
  // Wording matches in the stance tables: a click lights up every occurrence in that side's text
  // (CSS highlights over ranges, so the passages' elements stay as they are) and shows the first.
  function point(side, offset) {
    var list = textNodes[side] || [];
    for (var i = 0; i < list.length; i++) {
      var item = list[i];
      if (offset <= item.start + item.chars.length) {
        return [item.node, item.chars.slice(0, Math.max(0, offset - item.start)).join("").length];
      }
    }
    return null;
  }
  var pressed = null;
  Array.prototype.forEach.call(document.querySelectorAll("button.find[data-spans]"), function (button) {
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", function () {
      if (pressed) { pressed.setAttribute("aria-pressed", "false"); }
      if (pressed === button) {
        pressed = null;
        if (window.CSS && CSS.highlights) { CSS.highlights.delete("find"); }
        return;
      }
      pressed = button;
      button.setAttribute("aria-pressed", "true");
      var offsets = button.dataset.spans.split(",").map(Number);
      var ranges = [];
      for (var i = 0; i + 1 < offsets.length; i += 2) {
        var from = point(button.dataset.side, offsets[i]), to = point(button.dataset.side, offsets[i + 1]);
        if (!from || !to) { continue; }
        var range = document.createRange();
        range.setStart(from[0], from[1]);
        range.setEnd(to[0], to[1]);
        ranges.push(range);
      }
      if (!ranges.length) { return; }
      if (window.CSS && CSS.highlights && window.Highlight) {
        CSS.highlights.set("find", new Highlight(...ranges));
      }
      var holder = ranges[0].startContainer.parentElement;
      var box = holder.closest(".text");
      box.scrollTop = Math.max(0, holder.offsetTop - box.offsetTop - box.clientHeight / 3);
      box.scrollIntoView({ block: "nearest" });
    });
  });
  // Linked passages: pointing at or focusing a segment lights every segment of the same passage on
  // both sides and scrolls the partner into view inside its own text box (the page stays put).
  var byPassage = {};
  Array.prototype.forEach.call(document.querySelectorAll(".seg[data-p]"), function (s) {
    (byPassage[s.dataset.p] = byPassage[s.dataset.p] || []).push(s);
  });
  var lit = null;
  function light(pid) {
    if (lit === pid) { return; }
    if (lit !== null) { (byPassage[lit] || []).forEach(function (s) { s.classList.remove("lit"); }); }
    lit = pid;
    if (pid !== null) { (byPassage[pid] || []).forEach(function (s) { s.classList.add("lit"); }); }
  }
  function showPartner(seg) {
    var side = seg.closest("[data-side]");
    var partner = (byPassage[seg.dataset.p] || []).filter(function (s) { return s.closest("[data-side]") !== side; })[0];
    if (!partner) { return; }
    var box = partner.closest(".text");
    var top = partner.offsetTop - box.offsetTop;
    if (top < box.scrollTop || top > box.scrollTop + box.clientHeight - 30) {
      box.scrollTop = Math.max(0, top - box.clientHeight / 3);
    }
  }
  function activate(e) {
    var seg = e.target.closest ? e.target.closest(".seg[data-p]") : null;
    if (!seg) { return; }
    light(seg.dataset.p);
    showPartner(seg);
  }
  document.addEventListener("mouseover", activate);
  document.addEventListener("focusin", activate);
  document.addEventListener("mouseout", function (e) {
    var seg = e.target.closest ? e.target.closest(".seg[data-p]") : null;
    if (seg && !(e.relatedTarget && e.relatedTarget.closest && e.relatedTarget.closest(".seg[data-p='" + seg.dataset.p + "']"))) { light(null); }
  });
  // n / p step through passages in reading order; the location hash is the permalink (#p12).
  var anchors = Array.prototype.slice.call(document.querySelectorAll(".seg[id]"));
  anchors.forEach(function (s) { s.tabIndex = 0; });
  anchors = anchors.filter(function (s) { return !/-b$/.test(s.id); });
  anchors.sort(function (x, y) { return parseInt(x.id.slice(1), 10) - parseInt(y.id.slice(1), 10); });
  var at = -1;
  function go(index) {
    at = index;
    var target = anchors[at];
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "center" });
    history.replaceState(null, "", "#" + target.id);
  }
  var start = location.hash ? document.getElementById(location.hash.slice(1).replace(/-b$/, "")) : null;
  if (start && anchors.indexOf(start) >= 0) { at = anchors.indexOf(start); light(start.dataset.p); showPartner(start); }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || !anchors.length || (e.key !== "n" && e.key !== "p")) { return; }
    var tag = e.target && e.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") { return; }
    e.preventDefault();
    go(e.key === "n" ? Math.min(anchors.length - 1, at + 1) : Math.max(0, at - 1));
  });
  // Sortable tables: click (or press Enter on) a header to sort by that column.
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      th.tabIndex = 0;
      function sort() {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        rows.sort(function (r1, r2) {
          var c1 = r1.cells[col], c2 = r2.cells[col];
          var x = c1 ? (c1.dataset.sort !== undefined ? c1.dataset.sort : c1.textContent.trim()) : "";
          var y = c2 ? (c2.dataset.sort !== undefined ? c2.dataset.sort : c2.textContent.trim()) : "";
          // Numbers, percentages and passage ids (p2 before p10) sort by value.
          var number = /^(-?[\d.]+)%?$|^p(\d+)$/;
          var mx = number.exec(x), my = number.exec(y);
          var cmp = (mx && my) ? parseFloat(mx[1] || mx[2]) - parseFloat(my[1] || my[2]) : x.localeCompare(y);
          return asc ? cmp : -cmp;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sort(); } });
    });
  });
  // Search boxes hide table rows that do not contain the typed text.
  Array.prototype.forEach.call(document.querySelectorAll("input.search[data-table]"), function (box) {
    box.addEventListener("input", function () {
      var needle = box.value.toLowerCase();
      var table = document.getElementById(box.dataset.table);
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = needle !== "" && row.textContent.toLowerCase().indexOf(needle) === -1;
      });
    });
  });
  // A printout shows every fold open.
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });
})();
