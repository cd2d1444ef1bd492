/* The published list (and the 典型案例库's cards, initCards): filter by region or name, sort by column, all in the page (no reload,
   so a filter survives a sort). Without JavaScript the tables read as they are; nothing
   here loads anything from anywhere.

   Rows carry data-region (their region's code) and, for a county-level region such as
   昆山市, data-within (its prefecture, 苏州市): choosing 苏州市 shows both. Each row keeps
   its published position in data-order, so sorting by 序号 ascending restores the region
   groups exactly. */
(function () {
  "use strict";

  function rows(table) {
    return Array.prototype.slice.call(table.tBodies[0].rows);
  }

  function isGroup(row) {
    return row.classList.contains("accel666-group");
  }

  function matches(row, region, query) {
    var inRegion = !region || row.dataset.region === region || row.dataset.within === region;
    return inRegion && (!query || row.textContent.indexOf(query) !== -1);
  }

  /* The heading's count, the category's heading and its table follow the filters; a
     category the filters empty disappears, heading and all. */
  function showGroup(root, key, count, filtering) {
    var number = root.querySelector('.accel666-n[data-for="' + key + '"]');
    if (!number) { return; }
    number.textContent = String(count);
    var heading = number.closest("h3");
    var table = root.querySelector('table[data-key="' + key + '"]');
    var none = root.querySelector('.accel666-none[data-for="' + key + '"]');
    var block = table ? (table.closest(".md-typeset__scrollwrap") || table) : none;
    var hide = filtering && count === 0;
    if (heading) { heading.hidden = hide; }
    if (block) { block.hidden = hide; }
  }

  function applyFilters(root) {
    var region = root.querySelector("#accel666-region").value;
    var query = root.querySelector("#accel666-query").value.trim();
    var filtering = Boolean(region || query);
    var shown = 0;
    root.querySelectorAll('table[data-accel666="list"]').forEach(function (table) {
      var grouped = table.dataset.sorted !== "1";
      var regionsShown = {};
      var count = 0;
      rows(table).forEach(function (row) {
        if (isGroup(row)) { return; }
        var match = matches(row, region, query);
        row.hidden = !match;
        if (match) { count += 1; regionsShown[row.dataset.region] = true; }
      });
      rows(table).forEach(function (row) {
        if (isGroup(row)) { row.hidden = !grouped || !regionsShown[row.dataset.region]; }
      });
      shown += count;
      showGroup(root, table.dataset.key, count, filtering);
    });
    root.querySelectorAll(".accel666-none").forEach(function (none) {
      showGroup(root, none.dataset.for, 0, filtering);
    });
    root.querySelector(".accel666-count").textContent =
      shown ? "显示 " + shown + " 个项目" : "没有符合条件的项目";
  }

  function cellText(row, column) {
    return row.cells[column].textContent.trim();
  }

  /* Sort one table by a column; 序号 ascending is the published order, groups included. */
  function sortTable(table, column, ascending) {
    var original = column === 0 && ascending;
    var items = rows(table).filter(function (row) { return original || !isGroup(row); });
    items.sort(function (a, b) {
      if (original) { return Number(a.dataset.order) - Number(b.dataset.order); }
      var x = cellText(a, column), y = cellText(b, column);
      var nx = Number(x), ny = Number(y);
      var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "zh-Hans-CN");
      return ascending ? order : -order;
    });
    items.forEach(function (row) { table.tBodies[0].appendChild(row); });
    table.dataset.sorted = original ? "0" : "1";
    table.querySelectorAll("thead th").forEach(function (th, index) {
      if (index === column) {
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      } else {
        th.removeAttribute("aria-sort");
      }
    });
  }

  function sortAll(root, column, ascending) {
    root.querySelectorAll('table[data-accel666="list"]').forEach(function (table) {
      sortTable(table, column, ascending);
    });
    root.querySelector("#accel666-sort").value = String(column);
    applyFilters(root);
  }

  function addSortButtons(root, table) {
    table.querySelectorAll("thead th").forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      button.title = "按“" + th.textContent + "”排序";
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        // A second click on the sorted column reverses it; the order lives on the th.
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        sortAll(root, column, ascending);
      });
    });
  }

  /* 典型案例库: the same region and name filters, plus the industry, on cards
     (section.accel666-case) that carry data-region, data-within and data-industry. */
  function initCards() {
    var filters = document.querySelector(".accel666-filters[data-cards]");
    if (!filters || filters.dataset.ready) { return; }
    filters.dataset.ready = "1";
    filters.hidden = false;
    var root = filters.parentNode;
    function apply() {
      var region = filters.querySelector("#accel666-case-region").value;
      var industry = filters.querySelector("#accel666-case-industry").value;
      var query = filters.querySelector("#accel666-case-query").value.trim();
      var shown = 0;
      root.querySelectorAll(".accel666-case").forEach(function (card) {
        var match = matches(card, region, query) && (!industry || card.dataset.industry === industry);
        card.hidden = !match;
        if (match) { shown += 1; }
      });
      filters.querySelector(".accel666-count").textContent =
        shown ? "显示 " + shown + " 个案例" : "没有符合条件的案例";
    }
    filters.querySelectorAll("select").forEach(function (select) { select.addEventListener("change", apply); });
    filters.querySelector("input").addEventListener("input", apply);
    apply();
  }

  function init() {
    initCards();
    var filters = document.querySelector(".accel666-filters:not([data-cards])");
    if (!filters || filters.dataset.ready) { return; }
    filters.dataset.ready = "1";
    var root = filters.parentNode;
    filters.hidden = false;
    filters.querySelector("#accel666-region").addEventListener("change", function () { applyFilters(root); });
    filters.querySelector("#accel666-query").addEventListener("input", function () { applyFilters(root); });
    filters.querySelector("#accel666-sort").addEventListener("change", function (event) {
      sortAll(root, Number(event.target.value), true);
    });
    root.querySelectorAll('table[data-accel666="list"]').forEach(function (table) {
      rows(table).forEach(function (row, index) { row.dataset.order = String(index); });
      table.querySelector("thead th").setAttribute("aria-sort", "ascending");
      addSortButtons(root, table);
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
