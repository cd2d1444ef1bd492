"""`make serve`: `mkdocs serve` for a newcomer, on a port of their choice, stopped with whatever started it.

    python -m accel666.website.serve [--port 8000]

A port already taken is said in one Chinese line with what to do, before MkDocs starts
(MkDocs itself prints a 43-line traceback). The server runs as a child of this process,
which stops it on SIGINT (Ctrl-C), SIGTERM (GNU make passes a SIGTERM on to the recipe it
runs) and SIGHUP (the terminal closed), and also when its own parent is gone without a word
(make killed with SIGKILL), and on Linux when the wrapper itself is killed with SIGKILL:
otherwise `mkdocs serve` would keep the port with nobody to stop it.
"""

from __future__ import annotations

import argparse
import errno
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Sequence
from types import FrameType

HOST = "127.0.0.1"
DEFAULT_PORT = 8000
STOP_SECONDS = 10  # then the server is killed
WATCH_SECONDS = 0.5  # how often the parent is looked for


def port_problem(port: int) -> str | None:
    """Why `port` cannot be served on, in Chinese with what to do, or None when it is free."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As the server binds: a port left in TIME_WAIT by a server just stopped is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return (
                    f"端口 {port} 已被占用（可能另一个 make serve 还在运行）：请先关闭占用它的程序，"
                    f"或换一个端口，例如 make serve PORT={port + 1}"
                )
            if exc.errno == errno.EACCES:
                return (
                    f"没有权限使用端口 {port}（1024 以下的端口需要管理员权限）：请换一个端口，例如 make serve PORT=8000"
                )
            return f"无法使用端口 {port}（系统错误号 {exc.errno}）：请换一个端口，例如 make serve PORT=8001"
    return None


def _port(text: str) -> int:
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"端口应为 1 到 65535 之间的整数，不是 “{text}”")
    return int(text)


class _Server:
    """`mkdocs serve` as a child process, stopped once, whoever asks first."""

    def __init__(self, port: int) -> None:
        command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"{HOST}:{port}"]
        # No thread runs yet (they start after this), so preexec_fn is safe here.
        die_with_parent = _die_with_parent if sys.platform == "linux" else None
        self.process = subprocess.Popen(command, preexec_fn=die_with_parent)  # noqa: PLW1509
        self.stopped = threading.Event()

    def stop(self) -> None:
        """Ask the server to stop, and kill it if it has not within STOP_SECONDS.

        Never waits: it runs in a signal handler, while the main thread waits for the process."""
        if self.stopped.is_set():
            return
        self.stopped.set()
        if self.process.poll() is None:
            self.process.terminate()
            killer = threading.Timer(STOP_SECONDS, self.process.kill)
            killer.daemon = True
            killer.start()

    def watch_parent(self) -> None:
        """Stop the server when this process is orphaned (its parent changes)."""
        parent = os.getppid()
        while not self.stopped.wait(WATCH_SECONDS):
            if os.getppid() != parent:
                self.stop()


def _die_with_parent() -> None:
    """In the server, before MkDocs starts: the kernel sends it SIGTERM when this wrapper dies,
    even by SIGKILL, which no handler here can catch (Linux's PR_SET_PDEATHSIG)."""
    import ctypes  # noqa: PLC0415  # Linux only, in the child

    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make serve", description="生成网站并在本机预览")
    parser.add_argument("--port", type=_port, default=DEFAULT_PORT, help="端口（默认 8000）")
    port: int = parser.parse_args(argv).port
    problem = port_problem(port)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    server = _Server(port)

    def on_signal(number: int, _frame: FrameType | None) -> None:
        server.stop()

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):  # Windows has no SIGHUP
            signal.signal(getattr(signal, name), on_signal)
    threading.Thread(target=server.watch_parent, daemon=True).start()
    code = server.process.wait()
    # Stopped on request is a clean end; MkDocs failing on its own keeps its exit code.
    return 0 if server.stopped.is_set() else code


if __name__ == "__main__":
    raise SystemExit(main())
