/* 申报表单: the page's own script (no library). The controls are generated from the schema at
   build time (accel666.website.forms), each named by its field's JSON pointer. This script
   builds the data from them, keeps a draft in localStorage, and asks the worker (worker.js,
   Pyodide running the project's own Python) to check, render, parse and place a file. The
   worker starts only when 检查, 打开文件 or 下载 is first used; until then the form works alone. */
(function () {
  "use strict";

  var app = document.querySelector(".accel666-form-app");
  if (!app) { return; }
  var form = app.querySelector("form");
  var category = app.dataset.form;
  var DRAFT = "accel666-form-" + category;
  var statusLine = app.querySelector("[data-status]");
  var summary = app.querySelector("[data-summary]");
  var eligibility = app.querySelector("#accel666-eligibility");
  var fileInput = app.querySelector("[data-file]");
  var pristine = form.innerHTML; // 清除 restores the form as built
  var NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;

  /* ---- the worker, started on first use ---- */
  var worker = null;
  var pending = {};
  var nextId = 1;

  function say(message) { statusLine.textContent = message; }

  function failAll(message) {
    Object.keys(pending).forEach(function (id) { pending[id].reject(new Error(message)); });
    pending = {};
    worker = null;
  }

  function startWorker() {
    say("正在加载检查程序：第一次使用时需要下载（约几秒到一分钟），之后由浏览器缓存。加载期间可以继续填写。");
    worker = new Worker(new URL(app.dataset.worker, window.location.href).href);
    worker.onmessage = function (event) {
      var reply = event.data || {};
      if (reply.status) {
        if (reply.message) { say(reply.message); }
        if (reply.status === "failed") { failAll(reply.message || "检查程序加载失败，请刷新页面后重试。"); }
        return;
      }
      var waiting = pending[reply.id];
      if (!waiting) { return; }
      delete pending[reply.id];
      if (reply.ok) { waiting.resolve(reply.result); } else { waiting.reject(new Error(reply.error)); }
    };
    worker.onerror = function () { failAll("检查程序加载失败，请检查网络后刷新页面重试。"); };
  }

  function call(op, args) {
    if (!worker) { startWorker(); }
    return new Promise(function (resolve, reject) {
      var id = nextId++;
      pending[id] = { resolve: resolve, reject: reject };
      worker.postMessage({ id: id, op: op, args: args });
    });
  }

  /* ---- controls <-> data ---- */
  function controls() { return Array.prototype.slice.call(form.querySelectorAll("[name^='/']")); }

  function parts(pointer) {
    return pointer.split("/").slice(1).map(function (p) { return p.replace(/~1/g, "/").replace(/~0/g, "~"); });
  }

  function lookup(data, pointer) {
    return parts(pointer).reduce(function (node, key) {
      return node !== null && typeof node === "object" && key in node ? node[key] : undefined;
    }, data);
  }

  function put(data, pointer, value) {
    var keys = parts(pointer);
    var node = data;
    keys.forEach(function (key, i) {
      if (i === keys.length - 1) { node[key] = value; return; }
      if (node[key] === undefined) { node[key] = /^[0-9]+$/.test(keys[i + 1]) ? [] : {}; }
      node = node[key];
    });
  }

  function typed(control) {
    var text = control.value;
    var kind = control.dataset.type;
    if (kind === "boolean") { return text === "true" ? true : text === "false" ? false : text; }
    if ((kind === "number" || kind === "integer") && NUMBER.test(text.trim())) { return Number(text.trim()); }
    return text; // as typed: the check names a wrong value at its field
  }

  function collect() {
    var data = {};
    form.querySelectorAll("[data-list]").forEach(function (list) {
      var items = list.querySelectorAll(":scope > .accel666-items > [data-item]").length;
      var empty = [];
      for (var i = 0; i < items; i++) { empty.push({}); }
      put(data, list.dataset.list, empty);
    });
    controls().forEach(function (control) {
      if (control.disabled || (control.type === "radio" && !control.checked) || control.value === "") { return; }
      put(data, control.name, typed(control));
    });
    return data;
  }

  function setCount(list, count) {
    var holder = list.querySelector(":scope > .accel666-items");
    var template = list.querySelector(":scope > template");
    var min = Number(list.dataset.min), max = Number(list.dataset.max);
    count = Math.max(min, Math.min(max, count));
    while (holder.children.length > count) { holder.removeChild(holder.lastElementChild); }
    while (holder.children.length < count && template) {
      var index = String(holder.children.length);
      var html = template.innerHTML.replace(/__i__/g, index).replace(/__n__/g, String(holder.children.length + 1));
      holder.insertAdjacentHTML("beforeend", html);
    }
    var add = list.querySelector(":scope > [data-add]");
    if (add) { add.hidden = holder.children.length >= max; }
    holder.querySelectorAll(":scope > [data-item] > [data-remove]").forEach(function (b) { b.hidden = count <= min; });
  }

  function fill(data) {
    form.innerHTML = pristine;
    form.querySelectorAll("[data-list]").forEach(function (list) {
      var items = lookup(data, list.dataset.list);
      setCount(list, Array.isArray(items) ? items.length : 0);
    });
    controls().forEach(function (control) {
      var value = lookup(data, control.name);
      if (value === undefined || value === null || typeof value === "object") { return; }
      if (control.type === "radio") { control.checked = control.value === String(value); } else { control.value = String(value); }
    });
    applyRules();
    showBureau();
    return lost(data, "", collect());
  }

  /* Leaves of the opened data that the form cannot hold (an unknown field, a wrong kind of value). */
  function lost(value, pointer, kept) {
    if (value !== null && typeof value === "object") {
      return Object.keys(value).reduce(function (found, key) {
        return found.concat(lost(value[key], pointer + "/" + key, kept));
      }, []);
    }
    var now = lookup(kept, pointer);
    return value === null || value === "" || String(now) === String(value) ? [] : [pointer];
  }

  /* ---- the schema's if/then branches (data-when) ---- */
  function valueOf(pointer) {
    var found = form.querySelectorAll("[name='" + pointer + "']");
    for (var i = 0; i < found.length; i++) {
      if (found[i].type !== "radio" || found[i].checked) { return found[i].value; }
    }
    return "";
  }

  function applyRules() {
    form.querySelectorAll("[data-when]").forEach(function (wrapper) {
      var rules = JSON.parse(wrapper.dataset.when);
      var effect = {};
      Object.keys(rules).forEach(function (key) { Object.assign(effect, rules[key][valueOf(key)] || {}); });
      wrapper.hidden = !!effect.hide;
      wrapper.querySelectorAll("input, select, textarea").forEach(function (control) {
        if (!("baseRequired" in control.dataset)) {
          control.dataset.baseRequired = control.required ? "1" : "";
          control.dataset.basePattern = control.getAttribute("pattern") || "";
          control.dataset.baseTitle = control.title || "";
        }
        control.disabled = !!effect.hide;
        control.required = !!effect.required || control.dataset.baseRequired === "1";
        var pattern = effect.pattern || control.dataset.basePattern;
        if (pattern) { control.setAttribute("pattern", pattern); } else { control.removeAttribute("pattern"); }
        control.title = effect.hint || control.dataset.baseTitle;
      });
      var flag = wrapper.querySelector(".accel666-required, .accel666-optional");
      var required = !!effect.required || wrapper.querySelector("[data-base-required='1']") !== null;
      if (flag) {
        flag.className = required ? "accel666-required" : "accel666-optional";
        flag.textContent = required ? "（必填）" : "（选填）";
      }
    });
  }

  /* ---- drafts ---- */
  var saving = 0;
  function saveSoon() {
    window.clearTimeout(saving);
    saving = window.setTimeout(saveDraft, 400);
  }

  function saveDraft() {
    try {
      window.localStorage.setItem(DRAFT, JSON.stringify({ saved: new Date().toISOString(), data: collect() }));
    } catch (e) { /* storage full or disabled: the form still works */ }
  }

  function restoreDraft() {
    var raw = null;
    try { raw = window.localStorage.getItem(DRAFT); } catch (e) { return; }
    if (!raw) { return; }
    try {
      var draft = JSON.parse(raw);
      fill(draft.data || {});
      var when = new Date(draft.saved);
      say("已恢复本机保存的草稿（保存于 " + when.toLocaleString("zh-CN") + "）。不需要时请点“清除”。");
    } catch (e) { /* a broken draft is ignored */ }
  }

  function clearAll() {
    if (!window.confirm("确定清除本页填写的全部内容吗？本机保存的草稿也会删除，不能恢复。")) { return; }
    try { window.localStorage.removeItem(DRAFT); } catch (e) { /* nothing stored */ }
    form.innerHTML = pristine;
    applyRules();
    showBureau();
    showFindings(null);
    document.querySelector("[data-place]").hidden = true;
    say("已清除本页填写的内容和本机草稿。");
  }

  /* ---- findings at their fields, and the summary ---- */
  function idOf(pointer) { return "f" + pointer.replace(/\//g, "-"); }

  function targetOf(pointer) {
    for (var p = pointer; p; p = p.slice(0, p.lastIndexOf("/"))) {
      var found = document.getElementById(idOf(p));
      if (found && !found.closest("[hidden]")) { return found; }
    }
    return null;
  }

  function errorBox(target) {
    var box = document.getElementById(target.id + "-error");
    if (box) { return box; }
    box = document.createElement("p"); // a group or list: the message goes under its legend
    box.className = "accel666-error";
    box.id = target.id + "-error";
    box.setAttribute("data-error", "");
    var legend = target.querySelector(":scope > legend");
    target.insertBefore(box, legend ? legend.nextSibling : target.firstChild);
    target.setAttribute("aria-describedby", ((target.getAttribute("aria-describedby") || "") + " " + box.id).trim());
    return box;
  }

  /* The check's message in the form's words (accel666.browser.wording): no advice on YAML, files or commands. */
  function said(finding) { return finding.form_message || finding.message; }

  /* Today in Beijing (UTC+8, no daylight saving), the date the bureau's deadline check judges by. */
  function beijingToday() { return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10); }

  function checkText(text) { return call("check", { form: category, text: text, path: null, today: beijingToday() }); }

  function level(finding) { return finding.severity === "warning" ? "警告" : "错误"; }

  function clearField(control) {
    var target = targetOf(control.name);
    if (!target) { return; }
    var box = document.getElementById(target.id + "-error");
    if (box) { box.textContent = ""; }
    target.removeAttribute("aria-invalid");
  }

  /* Every finding of a check: the bureau's deadline (at the batch field) first, then the file's own. */
  function allFindings(result) { return (result.deadline || []).concat(result.findings || []); }

  function errorCount(result) { return allFindings(result).filter(function (f) { return f.severity !== "warning"; }).length; }

  /* `refused`: the heading when the file could not be opened at all (then no "passed", whatever was found). */
  function showFindings(result, note, refused) {
    form.querySelectorAll("[data-error]").forEach(function (box) { box.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    summary.innerHTML = "";
    if (eligibility) { eligibility.hidden = true; }
    if (!result) { summary.hidden = true; return; }
    var findings = allFindings(result);
    var errors = errorCount(result);
    var passed = !findings.length && !refused;
    // A pass is news, not an alarm: a neutral box read out as a status; problems keep the red box.
    summary.classList.toggle("accel666-passed", passed);
    if (passed) { summary.setAttribute("role", "status"); } else { summary.removeAttribute("role"); }
    var heading = document.createElement("h2");
    heading.textContent = refused || (findings.length
      ? "检查结果：" + errors + " 个错误，" + (findings.length - errors) + " 个警告"
      : "检查通过：没有发现问题");
    summary.appendChild(heading);
    if (note) { var p = document.createElement("p"); p.textContent = note; summary.appendChild(p); }
    var list = document.createElement("ul");
    findings.forEach(function (finding) {
      var item = document.createElement("li");
      item.className = finding.severity === "warning" ? "accel666-warning" : "accel666-problem";
      var target = finding.pointer ? targetOf(finding.pointer) : null;
      var words = level(finding) + "：" + said(finding);
      if (target) {
        var box = errorBox(target);
        box.textContent = (box.textContent ? box.textContent + " " : "") + words;
        if (finding.severity !== "warning") { target.setAttribute("aria-invalid", "true"); }
        var link = document.createElement("a");
        link.href = "#" + target.id;
        link.textContent = words;
        item.appendChild(link);
      } else {
        var where = finding.line ? "（文件第 " + finding.line + " 行第 " + finding.column + " 列）" : "";
        item.textContent = words + where;
      }
      list.appendChild(item);
    });
    summary.appendChild(list);
    summary.hidden = false;
    showEligibility(result.eligibility);
  }

  function showEligibility(found) {
    if (!eligibility || !found) { return; }
    var box = eligibility.querySelector("[data-eligibility]");
    box.innerHTML = "";
    var verdict = document.createElement("p");
    verdict.className = "accel666-verdict";
    verdict.textContent = found.eligible ? "按填写的数据，满足申报企业基本要求。" : "按填写的数据，不满足申报企业基本要求。";
    box.appendChild(verdict);
    var lines = ["研发经费占营业收入的比例：" + found.rd_share_text + "（" + (found.rd_ok ? "满足" : "不满足") + "）",
      "是否已上市：" + (found.listed ? "是（不满足）" : "否（满足）")];
    (found.routes || []).forEach(function (route) { lines.push(route.text); });
    (found.falls || []).forEach(function (fall) {
      lines.push(fall.year + " 年营业收入下降 " + fall.percent.toFixed(1) + "%，请评审人员核实。");
    });
    var list = document.createElement("ul");
    lines.forEach(function (line) {
      var li = document.createElement("li");
      li.textContent = line;
      list.appendChild(li);
    });
    box.appendChild(list);
    eligibility.hidden = false;
  }

  function focusSummary() {
    summary.focus();
    summary.scrollIntoView({ block: "start" });
  }

  /* ---- native hints while typing: required, pattern, length, from the schema ---- */
  function hintNow(control, always) {
    var target = targetOf(control.name);
    var box = target && document.getElementById(target.id + "-error");
    if (!box || control.type === "radio") { return; }
    if (control.validity.valid) {
      if (box.dataset.instant) { box.textContent = ""; delete box.dataset.instant; target.removeAttribute("aria-invalid"); }
      return;
    }
    if (!always && !box.dataset.instant) { return; }
    box.textContent = "提示：" + problem(control);
    box.dataset.instant = "1";
  }

  /* The browser's own check, in Chinese whatever the browser's language (its messages follow the UI's). */
  function problem(control) {
    var state = control.validity, length = control.value.length;
    if (state.valueMissing) { return "此项必填。"; }
    if (state.tooLong) { return "最多 " + control.maxLength + " 字，现为 " + length + " 字。"; }
    if (state.tooShort) { return "至少 " + control.minLength + " 字，现为 " + length + " 字。"; }
    if (state.patternMismatch) { return control.title || "格式不正确。"; }
    return "填写的内容不符合要求。";
  }

  /* ---- the three actions ---- */
  function uscc(data) {
    var unit = data.applicant || data.enterprise || {};
    return typeof unit.uscc === "string" && unit.uscc ? unit.uscc : "";
  }

  function busy(message, work) {
    say(message);
    app.setAttribute("aria-busy", "true");
    return work().catch(function (error) {
      say(error.message || "操作失败，请重试。");
    }).then(function () { app.removeAttribute("aria-busy"); });
  }

  function check() {
    return busy("正在检查……", function () {
      var data = collect();
      return call("render", { form: category, data: data }).then(checkText).then(function (result) {
        showFindings(result);
        say(allFindings(result).length ? "检查完成，问题列在上方，并显示在各栏目下方。" : "检查通过。");
        focusSummary();
      });
    });
  }

  function download() {
    return busy("正在生成申报文件……", function () {
      var data = collect();
      var code = uscc(data);
      return call("render", { form: category, data: data }).then(function (text) {
        var name = (code || "未填写统一社会信用代码") + ".yaml";
        var link = document.createElement("a");
        link.href = URL.createObjectURL(new Blob([text], { type: "application/yaml" }));
        link.download = name;
        document.body.appendChild(link);
        link.click();
        link.remove();
        return Promise.all([call("place", { form: category, data: data }), checkText(text)])
          .then(function (done) {
            var place = document.querySelector("[data-place]");
            place.textContent = "已下载 " + name + "。它在申报仓库中的位置是：" + done[0] +
              "（由工信局放入）。本页内容仍保存在本机，可以继续修改后重新下载。";
            place.hidden = false;
            var count = errorCount(done[1]);
            showFindings(done[1], count ? "下载的文件还有 " + count + " 个错误：请改正后重新下载，再交给工信局。" : "");
            say(place.textContent);
          });
      });
    });
  }

  function open(file) {
    return busy("正在打开 " + file.name + "……", function () {
      // The file's bytes, not its text: an encoding the loader refuses is reported as the CLI reports it.
      return file.arrayBuffer().then(function (text) {
        return call("parse", { text: text }).then(function (parsed) {
          var data = parsed.data;
          if (!data || typeof data !== "object" || Array.isArray(data)) {
            showFindings({ findings: parsed.findings || [] }, "", file.name + " 无法读取为申报文件，表单内容没有改动。");
            say("");
            focusSummary();
            return;
          }
          if (data.category && data.category !== category) {
            var titles = JSON.parse(app.dataset.titles);
            var title = titles[data.category];
            say(file.name + " 不是本表单的申报文件" + (title ? "，请在“" + title + "”表单中打开：" : "（申报类别为 " + data.category + "）。"));
            if (!title) { return; }
            var link = document.createElement("a");
            link.href = "../" + encodeURIComponent(data.category) + "/";
            link.textContent = title;
            statusLine.appendChild(link);
            return;
          }
          var missing = fill(data);
          saveDraft();
          return checkText(text).then(function (result) {
            var note = missing.length
              ? "文件中以下内容在表单中没有对应的栏目，下载时不会保留：" + missing.join("、")
              : "";
            var regenerated = allFindings(result).length ? "下面列出的是原文件中的问题；下载时文件由表单重新生成，引号、缩进等格式问题会自动改正。" : "";
            showFindings(result, "已打开 " + file.name + "。" + regenerated + note);
            say("已打开 " + file.name + "，检查结果列在上方。");
            focusSummary();
          });
        });
      });
    });
  }

  /* ---- the region's bureau, in the hand-over ---- */
  function showBureau() {
    var region = form.querySelector("select[name='/region']");
    var target = document.querySelector("[data-handover-bureau]");
    var option = region && region.selectedOptions[0];
    if (!target || !option) { return; }
    target.textContent = option.dataset.bureau ? option.dataset.bureau + "（推荐单位）" : "所在地区的工信局（即“推荐单位”）";
  }

  function regionChosen(select) {
    var option = select.selectedOptions[0];
    var recommender = form.querySelector("[name='/recommender']");
    if (recommender && !recommender.value && option && option.dataset.bureau) { recommender.value = option.dataset.bureau; }
    showBureau();
  }

  /* ---- events, delegated: the form's content is replaced on open and 清除 ---- */
  form.addEventListener("submit", function (event) { event.preventDefault(); check(); });
  form.addEventListener("input", function (event) {
    if (event.target.name) { clearField(event.target); hintNow(event.target, false); }
    saveSoon();
  });
  form.addEventListener("change", function (event) {
    var control = event.target;
    if (control.name === "/region") { regionChosen(control); }
    if (control.type === "radio" || control.tagName === "SELECT") { applyRules(); clearField(control); }
    if (control.name) { hintNow(control, true); }
    saveSoon();
  });
  form.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) { return; }
    var list = button.closest("[data-list]");
    if (button.hasAttribute("data-add")) {
      setCount(list, list.querySelector(":scope > .accel666-items").children.length + 1);
      var items = list.querySelector(":scope > .accel666-items").children;
      var first = items[items.length - 1].querySelector("input, textarea, select");
      if (first) { first.focus(); }
      saveSoon();
    } else if (button.hasAttribute("data-remove")) {
      var item = button.closest("[data-item]");
      var index = Array.prototype.indexOf.call(item.parentNode.children, item);
      var data = collect();
      lookup(data, list.dataset.list).splice(index, 1);
      fill(data);
      // The list was rebuilt: keep the keyboard in it, on its 添加 button.
      var again = document.getElementById(list.id).querySelector(":scope > [data-add]");
      if (again) { again.focus(); }
      say("已删除第 " + (index + 1) + " 项。");
      saveSoon();
    } else if (button.dataset.action === "download") {
      download();
    } else if (button.dataset.action === "clear") {
      clearAll();
    }
  });
  app.querySelector("[data-action='open']").addEventListener("click", function () { fileInput.click(); });
  fileInput.addEventListener("change", function () {
    if (fileInput.files && fileInput.files[0]) { open(fileInput.files[0]); }
    fileInput.value = "";
  });
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) { return; }
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) { return; }
    event.preventDefault();
    if (!target.matches("input, select, textarea")) { target.setAttribute("tabindex", "-1"); }
    target.focus();
    target.scrollIntoView({ block: "center" });
  });

  form.querySelectorAll("[data-list]").forEach(function (list) { setCount(list, list.querySelector(":scope > .accel666-items").children.length); });
  pristine = form.innerHTML;
  restoreDraft();
  applyRules();
  showBureau();
}());
