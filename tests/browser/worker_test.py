"""docs/assets/form/worker.js in Debian's chromium: it loads only this site's files and answers the protocol.

The site here is what the build serves for the check (accel666.browser.bundle.site_files:
site/pyodide/) plus the worker at assets/form/worker.js and a bare page that starts it, on
a loopback port. Every request the page and its worker make is recorded.
"""

from __future__ import annotations

import gzip
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from accel666.browser.bundle import site_files
from builders import ROOT, SAMPLES

CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
PAGE = """<!doctype html><meta charset="utf-8"><title>worker</title><script>
window.statuses = [];
window.ask = (worker, message) => new Promise((resolve) => {
  const listen = (event) => {
    if (event.data.id === message.id) { worker.removeEventListener("message", listen); resolve(event.data); }
  };
  worker.addEventListener("message", listen);
  worker.postMessage(message);
});
window.worker = new Worker("assets/form/worker.js");
worker.addEventListener("message", (event) => { if (event.data.status) statuses.push(event.data); });
</script>"""
# What a page does in the test: the first check (cold: runtime, archive, first import), then more.
RUN = """async ([text, bytes]) => {
  const started = performance.now();
  const first = await ask(worker, {id: 1, op: "check", args: {form: "backbone", text}});
  const cold = performance.now() - started;
  const warm = [];
  let last;
  for (let id = 2; id < 7; id++) {
    const before = performance.now();
    last = await ask(worker, {id, op: "check", args: {form: "backbone", text: new Uint8Array(bytes)}});
    warm.push(performance.now() - before);
  }
  const unknown = await ask(worker, {id: 9, op: "fly", args: {}});
  return {first, last, unknown, cold, warm, statuses};
}"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


@contextmanager
def served_check_site(folder: Path) -> Iterator[str]:
    """The check's files as the site serves them, the worker and a bare page, on a free loopback port."""
    for name, content in site_files(ROOT).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    (folder / "assets" / "form").mkdir(parents=True)
    shutil.copy2(ROOT / "docs" / "assets" / "form" / "worker.js", folder / "assets" / "form" / "worker.js")
    (folder / "index.html").write_text(PAGE, encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served_check_site(tmp_path_factory.mktemp("site")) as url:
        yield url


def run_page(url: str) -> tuple[dict[str, Any], list[str]]:
    text = (ROOT / SAMPLES["backbone"]).read_text(encoding="utf-8")
    wrong = text.replace("91320106MA1W7XYL3D", "91320106MA1W7XYL3E", 1)
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context()
            context.on("request", lambda request: requests.append(request.url))
            page = context.new_page()
            page.goto(url)
            result = page.evaluate(RUN, [text, list(wrong.encode("utf-8"))])
        finally:
            browser.close()
    return result, requests


@pytest.fixture(scope="module")
def ran(site: str) -> tuple[dict[str, Any], list[str], str]:
    result, requests = run_page(site)
    return result, requests, site


def test_the_worker_checks_a_file_as_the_cli_does(ran: tuple[dict[str, Any], list[str], str]) -> None:
    result, _, _ = ran
    assert result["first"]["ok"] is True
    assert result["first"]["result"]["findings"] == []
    assert result["first"]["result"]["eligibility"]["passing_routes"] == [1]
    [finding] = result["last"]["result"]["findings"]
    assert (finding["code"], finding["pointer"]) == ("USCC-CHECKSUM", "/applicant/uscc")
    assert "校验位" in finding["message"]


def test_the_worker_says_it_is_loading_then_ready_and_refuses_an_unknown_operation_in_chinese(
    ran: tuple[dict[str, Any], list[str], str],
) -> None:
    result, _, _ = ran
    assert [status["status"] for status in result["statuses"]] == ["loading", "ready"]
    assert result["unknown"]["ok"] is False
    assert "未知的操作" in result["unknown"]["error"]


def test_every_request_goes_to_the_site_itself(ran: tuple[dict[str, Any], list[str], str]) -> None:
    _, requests, site = ran
    origin = urlsplit(site).netloc
    assert {urlsplit(url).netloc for url in requests} == {origin}
    paths = {urlsplit(url).path for url in requests}
    assert {"/pyodide/pyodide.asm.wasm", "/pyodide/python_stdlib.zip", "/pyodide/accel666.zip"} <= paths


def test_the_checks_after_the_first_are_quick(ran: tuple[dict[str, Any], list[str], str]) -> None:
    result, _, _ = ran
    # Generous bounds for a shared 2-core machine; the README gives the measured figures.
    assert result["cold"] < 60_000
    assert max(result["warm"]) < 3_000


def test_the_loading_message_gives_the_real_download_size_plain_and_compressed(
    ran: tuple[dict[str, Any], list[str], str],
) -> None:
    result, _, _ = ran
    loading = result["statuses"][0]["message"]
    files = site_files(ROOT).values()
    plain = sum(len(content) for content in files)
    compressed = sum(len(gzip.compress(content, compresslevel=6)) for content in files)
    assert [int(mb) for mb in re.findall(r"约 (\d+) MB", loading)] == [round(plain / 1e6), round(compressed / 1e6)]
