/* Every page: the larger-text switch (below), and a table or code block wider than the screen becomes a labelled region that a
   keyboard can reach and scroll (axe: scrollable-region-focusable), with a visible cue that
   it scrolls. Material wraps each table in .md-typeset__scrollwrap; generated tables stack
   into cards on a phone instead (extra.css) and so never need this. */
(function () {
  "use strict";

  function heading(wrap) {
    var node = wrap;
    while (node && node.previousElementSibling === null) { node = node.parentElement; }
    for (node = node && node.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) { return node.textContent.trim(); }
    }
    var title = document.querySelector("article h1");
    return title ? title.textContent.trim() : "";
  }

  function label(wrap) {
    var wide = wrap.scrollWidth > wrap.clientWidth + 1;
    var hint = (wrap.tagName === "CODE" ? wrap.parentNode : wrap).nextElementSibling;
    var hasHint = hint && hint.classList.contains("accel666-scroll-hint");
    if (wide && !wrap.hasAttribute("tabindex")) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      var kind = wrap.tagName === "CODE" ? "代码：" : "表格：";
      wrap.setAttribute("aria-label", kind + heading(wrap.tagName === "CODE" ? wrap.parentNode : wrap) + "（可左右滚动）");
      if (!hasHint) {
        hint = document.createElement("p");
        hint.className = "accel666-scroll-hint";
        hint.setAttribute("aria-hidden", "true");
        hint.textContent = wrap.tagName === "CODE" ? "↔ 可左右滑动查看整行" : "↔ 表格较宽，可左右滑动查看";
        var after = wrap.tagName === "CODE" ? wrap.parentNode : wrap;
        after.parentNode.insertBefore(hint, after.nextSibling);
      }
    } else if (!wide && wrap.hasAttribute("tabindex")) {
      ["tabindex", "role", "aria-label"].forEach(function (name) { wrap.removeAttribute(name); });
      if (hasHint) { hint.remove(); }
    }
  }

  function labelAll() {
    document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code").forEach(label);
  }

  /* 适老化: a switch in the header for larger text, remembered in localStorage (the head's
     inline script applies it before the first paint). */
  var KEY = "accel666-text";

  function remember(large) {
    try { window.localStorage.setItem(KEY, large ? "large" : "normal"); } catch (e) { /* private mode */ }
  }

  function addTextSwitch() {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".accel666-textsize")) { return; }
    var root = document.documentElement;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button accel666-textsize";
    button.textContent = "大字";
    button.title = "放大页面文字（再按一次恢复）";
    button.setAttribute("aria-pressed", String(root.classList.contains("accel666-large")));
    button.addEventListener("click", function () {
      var large = root.classList.toggle("accel666-large");
      button.setAttribute("aria-pressed", String(large));
      remember(large);
      labelAll();
    });
    var search = header.querySelector(".md-search");
    header.insertBefore(button, search || null);
  }

  function init() {
    addTextSwitch();
    labelAll();
    // Material may wrap its tables after this subscriber runs.
    window.setTimeout(labelAll, 0);
  }

  window.addEventListener("resize", labelAll);
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
