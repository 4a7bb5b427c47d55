"""The `dltutor` command line (the app issue grows this into the full CLI)."""
from __future__ import annotations

import argparse
import sys

from tutor import __version__


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dltutor", description="Learn the mathematics of deep learning in a terminal.")
    parser.add_argument("--version", action="version", version=f"dltutor {__version__}")
    sub = parser.add_subparsers(dest="command")
    lab = sub.add_parser("lab", help="run a lab (no name: list the labs)")
    lab.add_argument("name", nargs="?")
    lab.add_argument("params", nargs="*", help="key=value")
    lab.add_argument("--plain", action="store_true", help="plain text on stdout")
    args = parser.parse_args(argv)
    if args.command == "lab":
        from tutor.labs import LabError, get_lab, lab_names

        if not args.name:
            for name in lab_names():
                print(name)
            return 0
        try:
            instance = get_lab(args.name).from_tokens(args.params)
        except LabError as exc:
            print(f"dltutor: {exc}", file=sys.stderr)
            return 2
        instance.plain(sys.stdout)
        return 0
    parser.print_help()
    return 0
