"""Load of `immunoguide serve`: N websocket clients on loopback, each a browser screen.

Reports, per session, the time from opening the websocket to its first screen (the
attract screen's words in the stream: median, p90, max), and for the whole server the
memory (summed over serve, its session zygote and every kiosk and speech process, from
/proc) and the CPU seconds used to get there. Memory is given twice: RSS counts a page
shared by copy-on-write once in every process that maps it; PSS (smaps_rollup) divides it
among them, which is the honest figure for forked sessions. Both ways of starting sessions
run in the same call, the zygote's and the old exec'd one (IMMUNOGUIDE_SERVE_SESSIONS=exec),
and the ratios compare them. Bounded: at most 64 clients, 120 s a run; everything it starts
is stopped at the end.

    .venv/bin/python bench/serve_load.py --clients 20 [--speech] [--mode both|zygote|exec] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.kiosk_attack.serving import free_port, stop_group

FIRST_SCREEN_WORDS = b"press any key"
"""The attract screen's invitation; its arrival is the first screen a visitor can read."""
TIME_LIMIT_SECONDS = 120.0


def tree(pid: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                    parents.setdefault(int(stat.read().rsplit(")", 1)[1].split()[1]), []).append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    found, todo = [pid], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def pss(pid: int) -> int:
    """Proportional set size in bytes (shared pages divided among their processes); 0 if unknown."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def memory_and_cpu(pids: list[int]) -> tuple[int, int, float]:
    """Summed resident bytes, proportional bytes and user+system CPU seconds of these processes."""
    rss, cpu = rss_and_cpu(pids)
    return rss, sum(pss(pid) for pid in pids), cpu


def rss_and_cpu(pids: list[int]) -> tuple[int, float]:
    """Summed resident bytes and user+system CPU seconds of these processes."""
    page, ticks = os.sysconf("SC_PAGE_SIZE"), os.sysconf("SC_CLK_TCK")
    rss = cpu = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        rss += int(fields[21]) * page
        cpu += int(fields[11]) + int(fields[12])
    return rss, cpu / ticks


async def session(port: int, firsts: dict[int, float], index: int, speech: bool) -> None:
    """One screen: open the websocket, record the time to the first screen, stay open. With
    speech, a key then wakes the screen, which turns speech on and has it say where it is."""
    origin = {"Origin": f"http://127.0.0.1:{port}"}
    async with aiohttp.ClientSession() as client:
        opened = time.monotonic()
        async with client.ws_connect(f"http://127.0.0.1:{port}/ws?width=100&height=30", headers=origin) as ws:
            seen = b""
            while FIRST_SCREEN_WORDS not in seen.lower():
                message = await ws.receive(timeout=TIME_LIMIT_SECONDS)
                if message.type != aiohttp.WSMsgType.BINARY:
                    return  # refused or ended: no first screen for this one
                seen = seen[-64:] + message.data
            firsts[index] = time.monotonic() - opened
            if speech:
                await ws.send_str(json.dumps(["stdin", "x"]))
            await asyncio.sleep(TIME_LIMIT_SECONDS)  # held open until measured, then cancelled


def mb(amount: float) -> float:
    return round(amount / 2**20, 1)


async def run(clients: int, speech: bool, mode: str) -> dict[str, object]:
    folder = Path(tempfile.mkdtemp(prefix="serve-load-"))
    config = folder / "kiosk.yaml"
    config.write_text(f"max_sessions: {clients}\nspeech: {'true' if speech else 'false'}\n")
    port = free_port()
    # Speech is made for real and played to no device, so the figures do not depend on a sound card.
    env = {**os.environ, "HOME": str(folder), "IMMUNOGUIDE_SERVE_SESSIONS": mode, "IMMUNOGUIDE_SPEECH_PLAYER": "null"}
    server = subprocess.Popen([sys.executable, "-m", "guide", "serve", "--port", str(port), "--config", str(config)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + TIME_LIMIT_SECONDS
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            await asyncio.sleep(0.1)
        base_rss, base_pss, base_cpu = memory_and_cpu(tree(server.pid))
        firsts: dict[int, float] = {}
        tasks = [asyncio.create_task(session(port, firsts, i, speech)) for i in range(clients)]
        while len(firsts) < clients and time.monotonic() < deadline and not all(t.done() for t in tasks):
            await asyncio.sleep(0.2)
        await asyncio.sleep(3)  # speech workers and late allocations settle
        pids = tree(server.pid)
        rss, proportional, cpu = memory_and_cpu(pids)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    finally:
        stop_group(server)
    times = sorted(firsts.values())
    per = max(clients, 1)
    return {
        "mode": mode, "clients": clients, "speech": speech, "sessions_with_first_screen": len(times),
        "processes": len(pids), "rss_mb_total": mb(rss), "pss_mb_total": mb(proportional),
        "rss_mb_serve_alone": mb(base_rss), "pss_mb_serve_alone": mb(base_pss),
        "rss_mb_per_session": mb((rss - base_rss) / per), "pss_mb_per_session": mb((proportional - base_pss) / per),
        "cpu_seconds_per_session": round((cpu - base_cpu) / per, 2),
        "first_screen_seconds": {"min": round(times[0], 2), "median": round(times[len(times) // 2], 2),
                                 "p90": round(times[min(len(times) - 1, int(len(times) * 0.9))], 2),
                                 "max": round(times[-1], 2)} if times else None,
    }


def ratios(old: dict[str, Any], new: dict[str, Any]) -> dict[str, float | None]:
    """How many times the old exec'd sessions cost what the zygote's cost (above 1: the zygote is better)."""
    def ratio(a: float | None, b: float | None) -> float | None:
        return round(a / b, 1) if a is not None and b else None

    old_first, new_first = old["first_screen_seconds"] or {}, new["first_screen_seconds"] or {}
    return {
        "first_screen_median": ratio(old_first.get("median"), new_first.get("median")),
        "first_screen_max": ratio(old_first.get("max"), new_first.get("max")),
        "pss_per_session": ratio(old["pss_mb_per_session"], new["pss_mb_per_session"]),
        "rss_total": ratio(old["rss_mb_total"], new["rss_mb_total"]),
        "pss_total": ratio(old["pss_mb_total"], new["pss_mb_total"]),
        "cpu_per_session": ratio(old["cpu_seconds_per_session"], new["cpu_seconds_per_session"]),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--speech", action="store_true", help="kiosk.yaml speech: true (default off)")
    parser.add_argument("--mode", choices=("both", "zygote", "exec"), default="both",
                        help="how serve starts sessions: its zygote, the old exec, or both in turn (default)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    clients = max(1, min(args.clients, 64))
    modes = ("zygote", "exec") if args.mode == "both" else (args.mode,)
    runs = {mode: asyncio.run(run(clients, args.speech, mode)) for mode in modes}
    result: dict[str, Any] = dict(runs)
    if len(runs) == 2:
        result["exec_over_zygote"] = ratios(runs["exec"], runs["zygote"])
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for name, figures in result.items():
            print(f"{name}:")
            for key, value in figures.items():
                print(f"  {key}: {value}")
    return 0 if all(r["sessions_with_first_screen"] == clients for r in runs.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
