/* The published list: filter by region or name, sort by column. Without JavaScript the
   tables read as they are; nothing here loads anything from anywhere. */
(function () {
  "use strict";

  function rows(table) {
    return Array.prototype.slice.call(table.tBodies[0].rows);
  }

  function applyFilters(root) {
    var region = root.querySelector("#accel666-region").value;
    var query = root.querySelector("#accel666-query").value.trim();
    var shown = 0;
    root.querySelectorAll('table[data-accel666="list"]').forEach(function (table) {
      var sorted = table.dataset.sorted === "1";
      var regionsShown = {};
      rows(table).forEach(function (row) {
        if (row.classList.contains("accel666-group")) { return; }
        var match = (!region || row.dataset.region === region) &&
          (!query || row.textContent.indexOf(query) !== -1);
        row.hidden = !match;
        if (match) { shown += 1; regionsShown[row.dataset.region] = true; }
      });
      rows(table).forEach(function (row) {
        if (row.classList.contains("accel666-group")) {
          row.hidden = sorted || !regionsShown[row.dataset.region];
        }
      });
    });
    root.querySelector(".accel666-count").textContent = "显示 " + shown + " 个项目";
  }

  function sortBy(table, column, button) {
    var ascending = button.getAttribute("aria-sort") !== "ascending";
    var items = rows(table).filter(function (row) { return !row.classList.contains("accel666-group"); });
    items.sort(function (a, b) {
      var x = a.cells[column].textContent.trim();
      var y = b.cells[column].textContent.trim();
      var nx = Number(x), ny = Number(y);
      var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "zh-Hans-CN");
      return ascending ? order : -order;
    });
    table.querySelectorAll("th[aria-sort]").forEach(function (th) { th.removeAttribute("aria-sort"); });
    button.parentNode.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    button.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    // Sorted by 序号 ascending is the published order: show the region groups again.
    var original = column === 0 && ascending;
    table.dataset.sorted = original ? "0" : "1";
    if (original) {
      location.reload();
      return;
    }
    items.forEach(function (row) { table.tBodies[0].appendChild(row); });
  }

  function init() {
    var filters = document.querySelector(".accel666-filters");
    if (!filters) { return; }
    var root = filters.parentNode;
    filters.hidden = false;
    filters.querySelector("#accel666-region").addEventListener("change", function () { applyFilters(root); });
    filters.querySelector("#accel666-query").addEventListener("input", function () { applyFilters(root); });
    root.querySelectorAll('table[data-accel666="list"]').forEach(function (table) {
      table.querySelectorAll("thead th").forEach(function (th, column) {
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = th.textContent;
        button.title = "按“" + th.textContent + "”排序";
        th.textContent = "";
        th.appendChild(button);
        button.addEventListener("click", function () {
          sortBy(table, column, button);
          applyFilters(root);
        });
      });
    });
    applyFilters(root);
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
