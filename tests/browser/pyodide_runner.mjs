// Runs requests of the form's worker protocol through accel666.browser.service under Pyodide in Node,
// loading the runtime from node_modules/pyodide and the site's archive, as docs/assets/form/worker.js does.
//
//   node tests/browser/pyodide_runner.mjs ARCHIVE REQUESTS.json
//
// REQUESTS.json: [{"op", "args"}, ...]; an args.base64 (a file's bytes) stands for args.text.
// Prints {"responses": [...], "modules": [...imported Python modules], "timings": {...ms}} as JSON.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const runtime = join(root, "node_modules", "pyodide");
const { loadPyodide } = await import(join(runtime, "pyodide.mjs"));
const [archive, requestsFile] = process.argv.slice(2);
const requests = JSON.parse(readFileSync(requestsFile, "utf-8"));

const started = performance.now();
const pyodide = await loadPyodide({ indexURL: runtime + "/" });
const loaded = performance.now();
pyodide.unpackArchive(new Uint8Array(readFileSync(archive)), "zip", { extractDir: "/home/pyodide/accel666" });
pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/accel666')");
const service = pyodide.pyimport("accel666.browser.service");
const imported = performance.now();

const responses = [];
const each = [];
for (const { op, args } of requests) {
  const { base64, ...rest } = args;
  const raw = base64 === undefined ? undefined : pyodide.toPy(new Uint8Array(Buffer.from(base64, "base64")));
  const before = performance.now();
  responses.push(JSON.parse(service.handle(JSON.stringify({ op, args: rest }), raw)));
  each.push(performance.now() - before);
  raw?.destroy();
}
const modules = pyodide.runPython("sorted(sys.modules)").toJs();
console.log(JSON.stringify({
  responses,
  modules,
  timings: { runtime: loaded - started, archive: imported - loaded, requests: each },
}));
