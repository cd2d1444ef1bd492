// The project's own validation in the browser: a classic Web Worker running accel666.browser.service under
// Pyodide. Everything comes from this site, relative to this file (assets/form/worker.js):
//
//   ../../pyodide/pyodide.js          Pyodide's loader (with pyodide.asm.js, pyodide.asm.wasm,
//                                     python_stdlib.zip and pyodide-lock.json beside it)
//   ../../pyodide/accel666.zip        the Python archive (accel666.browser.bundle): the package's
//                                     validation core, the schemas, the regions and batches, and
//                                     the pure-Python dependencies
//
// Protocol (form.js starts the worker when a check, an open or a download is first needed):
//   page -> worker  {id, op: "check" | "render" | "parse" | "place", args}
//                   args as accel666.browser.service names them; args.text may be a string or the
//                   file's bytes (Uint8Array or ArrayBuffer: an encoding error is then reported
//                   as accel666 validate reports it)
//   worker -> page  {id, ok: true, result} or {id, ok: false, error: "<Chinese message>"}
//   worker -> page  {status: "loading" | "ready" | "failed", message: "<Chinese text>"} while starting
"use strict";

const RUNTIME = new URL("../../pyodide/", self.location.href).href;
const ARCHIVE = new URL("accel666.zip", RUNTIME).href;
const EXTRACTED = "/home/pyodide/accel666";

self.postMessage({ status: "loading", message: "正在加载检查程序（约 13 MB，网站服务器压缩传输时约 6 MB；首次加载可能需要十几秒到一分钟，之后由浏览器缓存）……" });

const service = start().then(
  (handle) => {
    self.postMessage({ status: "ready", message: "检查程序已就绪。" });
    return handle;
  },
  (error) => {
    const message = `检查程序加载失败（${error && error.message ? error.message : error}）：请检查网络后刷新页面；表单仍可填写和下载。`;
    self.postMessage({ status: "failed", message });
    throw new Error(message);
  },
);

async function start() {
  importScripts(new URL("pyodide.js", RUNTIME).href);
  const [pyodide, archive] = await Promise.all([
    self.loadPyodide({ indexURL: RUNTIME }),
    fetch(ARCHIVE, { credentials: "same-origin" }).then((response) => {
      if (!response.ok) throw new Error(`${ARCHIVE}：HTTP ${response.status}`);
      return response.arrayBuffer();
    }),
  ]);
  pyodide.unpackArchive(archive, "zip", { extractDir: EXTRACTED });
  pyodide.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(EXTRACTED)})`);
  const module = pyodide.pyimport("accel666.browser.service");
  return { pyodide, handle: module.handle };
}

function answer(id, request, loaded) {
  const { text, ...args } = request.args || {};
  const binary = text instanceof ArrayBuffer || ArrayBuffer.isView(text);
  if (text !== undefined && !binary) args.text = text;
  const raw = binary ? loaded.pyodide.toPy(text instanceof ArrayBuffer ? new Uint8Array(text) : new Uint8Array(text.buffer, text.byteOffset, text.byteLength)) : undefined;
  try {
    return { id, ...JSON.parse(loaded.handle(JSON.stringify({ op: request.op, args }), raw)) };
  } finally {
    if (raw) raw.destroy();
  }
}

self.onmessage = async (event) => {
  const request = event.data || {};
  const id = request.id;
  let loaded;
  try {
    loaded = await service;
  } catch (error) {
    self.postMessage({ id, ok: false, error: error.message });
    return;
  }
  try {
    self.postMessage(answer(id, request, loaded));
  } catch (error) {
    self.postMessage({ id, ok: false, error: `检查程序出错（${error.message || error}）：请刷新页面后重试。` });
  }
};
