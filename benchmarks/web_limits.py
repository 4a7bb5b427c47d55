"""The web route's limits under a hostile client, on loopback. Prints figures; asserts nothing.

1. a tab asking for a 65535×65535 terminal: the app's memory after --seconds;
2. --tabs tabs opened at once from one address: how many apps start, their memory;
3. SIGTERM with those tabs open: how long until the server and every app are gone.

    python benchmarks/web_limits.py --seconds 30 --tabs 40
"""
from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import aiohttp


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry))
    return found


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def tab(session: aiohttp.ClientSession, base: str, query: str) -> aiohttp.ClientWebSocketResponse | int:
    try:
        ws = await session.ws_connect(f"{base}/ws?{query}", origin=base)
    except aiohttp.WSServerHandshakeError as error:
        return error.status
    await ws.receive(timeout=60)
    return ws


async def keep_reading(ws: aiohttp.ClientWebSocketResponse) -> None:
    while (await ws.receive()).type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
        pass


async def main(args: argparse.Namespace) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "tutor.serve", "web", "--host", "127.0.0.1", "--port", str(port),
                               "--data-dir", tempfile.mkdtemp(), *args.server_args],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base, timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        async with aiohttp.ClientSession() as session:
            huge = await tab(session, base, "width=65535&height=65535")
            reader = asyncio.create_task(keep_reading(huge))
            [app] = children(server.pid)
            await asyncio.sleep(args.seconds)
            env = dict(item.split("=", 1) for item in Path(f"/proc/{app}/environ").read_text().split("\0") if "=" in item)
            print(f"65535×65535 tab: the app got {env['COLUMNS']}×{env['ROWS']}; "
                  f"its RSS after {args.seconds:.0f} s = {rss_mib(app):.0f} MiB")
            reader.cancel()
            await huge.close()
            await asyncio.sleep(2)
            results = await asyncio.gather(*(tab(session, base, "width=100&height=30") for _ in range(args.tabs)))
            opened = [r for r in results if not isinstance(r, int)]
            refused = [r for r in results if isinstance(r, int)]
            apps = children(server.pid)
            print(f"{args.tabs} tabs from one address: {len(opened)} opened, {len(refused)} refused "
                  f"(HTTP {sorted(set(refused))}), {len(apps)} processes under the server, "
                  f"RSS each ≈ {sum(map(rss_mib, apps)) / max(1, len(apps)):.0f} MiB")
            readers = [asyncio.create_task(keep_reading(ws)) for ws in opened]     # as browsers do
            started = time.monotonic()
            server.send_signal(signal.SIGTERM)
            while server.poll() is None:
                await asyncio.sleep(0.05)
            stopped = time.monotonic() - started
            while any(Path(f"/proc/{pid}").exists() and Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
                      for pid in apps):
                await asyncio.sleep(0.05)
            print(f"SIGTERM with {len(opened)} tabs open: server gone after {stopped:.1f} s, "
                  f"every app after {time.monotonic() - started:.1f} s")
            for task in readers:
                task.cancel()
    finally:
        if server.poll() is None:
            server.kill()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--tabs", type=int, default=40)
    parser.add_argument("server_args", nargs="*", help="passed to `dltutor serve web` (after --)")
    asyncio.run(main(parser.parse_args()))
