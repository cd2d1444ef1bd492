"""`make serve` as a newcomer runs it: a busy port said in Chinese, PORT=…, and stopping make stops the server.

Real processes: GNU make running the Makefile's recipe, the wrapper, `mkdocs serve` on a
real socket; the server's processes are found in /proc by the address they serve.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from accel666.website.serve import port_problem
from builders import ROOT, tree_env

START_SECONDS = 180  # mkdocs serve builds the whole site before it listens


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def make_serve(port: int) -> subprocess.Popen[str]:
    """`make serve PORT=port` in its own process group, as a terminal would run it."""
    return subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"PORT={port}"],
        cwd=ROOT,
        env=tree_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def servers(port: int) -> list[int]:
    """The processes serving on `port`: the wrapper and `mkdocs serve`, by their command lines."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue  # gone meanwhile
            if f"127.0.0.1:{port}".encode() in command or (
                b"accel666.website.serve" in command and str(port).encode() in command
            ):
                found.append(int(entry.name))
    return found


def wait_until(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(0.2)
    return False


def serving(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
            return "苏工信融合〔2020〕229号" in page.read().decode("utf-8")
    except OSError:
        return False


def test_a_busy_port_is_said_in_chinese_in_a_line_with_what_to_do() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        done = make_serve(port)
        out, err = done.communicate(timeout=120)
    assert done.returncode != 0
    assert "Traceback" not in err + out
    # make's own line is `make: ***` or, run from `make test`, `make[1]: ***`.
    lines = [line for line in err.splitlines() if not re.match(r"make(\[\d+\])?: ", line)]
    assert lines == [
        f"端口 {port} 已被占用（可能另一个 make serve 还在运行）：请先关闭占用它的程序，或换一个端口，例如 make serve PORT={port + 1}"
    ]
    assert servers(port) == []


@pytest.mark.parametrize("stop", ["Ctrl-C", "SIGTERM to make", "SIGKILL to make", "SIGKILL to the wrapper"])
def test_make_serve_serves_on_the_port_asked_and_stopping_make_stops_the_server(stop: str) -> None:
    port = free_port()
    make = make_serve(port)
    try:
        assert wait_until(lambda: serving(port), START_SECONDS), make.stderr
        assert len(servers(port)) == 2  # the wrapper and mkdocs serve
        if stop == "Ctrl-C":
            os.killpg(make.pid, signal.SIGINT)  # the terminal signals the whole foreground group
        elif stop == "SIGKILL to the wrapper":
            (wrapper,) = [
                pid for pid in servers(port) if b"accel666.website.serve" in Path(f"/proc/{pid}/cmdline").read_bytes()
            ]
            os.kill(wrapper, signal.SIGKILL)
        else:
            os.kill(make.pid, signal.SIGTERM if stop == "SIGTERM to make" else signal.SIGKILL)
        make.wait(60)
        assert wait_until(lambda: servers(port) == [], 30), servers(port)
        assert wait_until(lambda: port_problem(port) is None, 30)  # the port is free again (an exit closes it)
    finally:
        for pid in servers(port):
            os.kill(pid, signal.SIGKILL)
        if make.poll() is None:
            make.kill()
        make.communicate()
