"""`python -m lantoa.run [Procfile]`: start the Procfile's processes (web, worker, beat) and stop
them cleanly on Ctrl-C, for `make run`.

Why not honcho alone: on Ctrl-C honcho gives its processes 5 seconds and then SIGKILLs them (a
Celery worker finishing its task in a warm shutdown was killed) and exits 130/143, which `make`
reports as an error. Here each process runs in its own process group and gets one SIGINT, as if
Ctrl-C was pressed in its own terminal (Celery: warm shutdown; runserver: stops), with
`STOP_WAIT` seconds to finish; a stop asked for by the user exits 0.

On a terminal the launcher also takes the terminal's foreground for its own process group while
it runs, so Ctrl-C reaches it and not `make` (which would print "Interrupt" and fail), and gives
the foreground back before it exits. This module imports nothing of Lantoa's apps.
"""

import contextlib
import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

STOP_WAIT = 30  # seconds a process may take to stop before it is killed


def procfile_entries(path: Path) -> list[tuple[str, str]]:
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        name, sep, command = line.partition(":")
        if sep and name.strip() and not name.lstrip().startswith("#"):
            entries.append((name.strip(), command.strip()))
    return entries


@contextlib.contextmanager
def terminal_foreground():
    """Own the terminal's foreground while running (no-op without a terminal)."""
    try:
        tty = sys.stdin.fileno()
        previous = os.tcgetpgrp(tty)
        os.setpgid(0, 0)
        signal.signal(signal.SIGTTOU, signal.SIG_IGN)  # tcsetpgrp from the background
        os.tcsetpgrp(tty, os.getpgrp())
    except (OSError, ValueError):
        yield
        return
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.tcsetpgrp(tty, previous)


def say(message: str) -> None:
    print(f"lantoa | {message}", flush=True)


def run(procfile: Path) -> int:
    stop_asked = False

    def ask_stop(signum, frame):
        nonlocal stop_asked
        stop_asked = True

    signal.signal(signal.SIGINT, ask_stop)
    signal.signal(signal.SIGTERM, ask_stop)
    processes = {
        name: subprocess.Popen(shlex.split(command), start_new_session=True)  # noqa: S603 (our Procfile)
        for name, command in procfile_entries(procfile)
    }
    say(f"đã chạy {', '.join(processes)}. Ctrl-C để dừng.")
    crashed = None
    while not stop_asked and crashed is None:
        time.sleep(0.2)
        crashed = next((name for name, p in processes.items() if p.poll() is not None), None)
    if crashed:
        say(f"{crashed} đã dừng (mã {processes[crashed].returncode}); dừng các tiến trình khác.")
    else:
        say(f"đang dừng {', '.join(processes)} …")
    for process in processes.values():
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
    deadline = time.monotonic() + STOP_WAIT
    killed = []
    for name, process in processes.items():
        try:
            process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            killed.append(name)
    if killed:
        say(f"{', '.join(killed)} không dừng sau {STOP_WAIT} giây: đã buộc dừng.")
        return 1
    if crashed:
        return processes[crashed].returncode or 1
    say("đã dừng hết.")
    return 0


def main() -> int:
    procfile = Path(sys.argv[1] if len(sys.argv) > 1 else "Procfile")
    with terminal_foreground():
        return run(procfile)


if __name__ == "__main__":
    sys.exit(main())
