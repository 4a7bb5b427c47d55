"""`dltutor serve ssh|web ...` (the main CLI hands the rest of the command line here)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tutor.locale import languages, t

PASSWORD_ENV = "DLTUTOR_CLASS_PASSWORD"


def _at_least(low: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(t("expected a whole number, got {text}", text=repr(text))) from None
        if value < low:
            raise argparse.ArgumentTypeError(t("must be at least {low}", low=low))
        return value
    return parse


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dltutor serve", description="Serve a classroom.")
    sub = parser.add_subparsers(dest="route", required=True)
    ssh = sub.add_parser("ssh", help="students connect with ssh")
    ssh.add_argument("--host", default="0.0.0.0")
    ssh.add_argument("--port", type=int, default=2222)
    ssh.add_argument("--auth", choices=("open", "password", "passwords", "keys"), default="open",
                     help="open: any name, no password (a LAN classroom); password: one class password "
                          f"from --password-file or ${PASSWORD_ENV}; passwords: one secret per student, "
                          "name:secret lines in --passwords-file; keys: D/keys/NAME.pub per student")
    ssh.add_argument("--password-file", type=Path, help="a file holding the class password")
    ssh.add_argument("--passwords-file", type=Path,
                     help="name:secret lines, one per student (--auth passwords); readable only by you (chmod 600)")
    ssh.add_argument("--data-dir", type=Path, required=True, help="progress database, host key, keys/")
    ssh.add_argument("--db", default=None, metavar="URL",
                     help="progress in this database instead of D/progress.db: sqlite:///PATH, or "
                          "postgresql://USER@HOST/DB for several servers on one class (docs/classroom.md)")
    ssh.add_argument("--max-sessions", type=int, default=60)
    ssh.add_argument("--idle-timeout", type=float, default=0, help="seconds without a key before goodbye (0: never)")
    ssh.add_argument("--max-per-address", type=int, default=10,
                     help="connections from one address (default 10; 0: no limit, e.g. a class behind one NAT)")
    ssh.add_argument("--login-timeout", type=float, default=60,
                     help="seconds a connection may stay without a tutor running (logging in included; default 60)")
    web = sub.add_parser("web", help="students connect with a browser")
    web.add_argument("--host", default="0.0.0.0")
    web.add_argument("--port", type=int, default=8000)
    web.add_argument("--data-dir", type=Path, required=True)
    web.add_argument("--db", default=None, metavar="URL",
                     help="progress in this database instead of D/progress.db: sqlite:///PATH, or "
                          "postgresql://USER@HOST/DB for several servers on one class (docs/classroom.md)")
    web.add_argument("--student", default=None,
                     help="record every tab's progress under this one name (default: each tab asks for a name)")
    web.add_argument("--lang", choices=languages(), default=None,
                     help="the language a tab starts in (default: the server's locale; students can switch)")
    web.add_argument("--public-url", default=None,
                     help="the address students' browsers use, e.g. https://school.example/dl behind a proxy "
                          "(default: the address each page was fetched through)")
    web.add_argument("--max-sessions", type=_at_least(1), default=60, help="tabs open at once, all students")
    web.add_argument("--max-per-address", type=_at_least(0), default=10,
                     help="tabs open at once from one address (0: no limit, e.g. students behind one proxy)")
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.route == "ssh":
            from tutor.serve.ssh import Options, serve
        else:
            from tutor.serve.web import serve_web  # noqa: F401 (is the serve extra installed?)
    except ImportError:
        print(t("dltutor serve needs the serve extra: pip install 'dltutor[serve]'"), file=sys.stderr)
        return 2
    args.data_dir.mkdir(parents=True, exist_ok=True)
    from tutor.serve.database import check_database

    problem = check_database(args.db, args.data_dir)
    if problem:
        print(f"dltutor serve: {problem}", file=sys.stderr)
        return 2
    if args.route == "web":
        return _web(args)
    password = None
    if args.auth == "password":
        if args.password_file:
            try:
                password = args.password_file.read_text(encoding="utf-8").strip()
            except OSError as exc:
                print(t("dltutor serve: can't read the password file: {reason}", reason=str(exc.strerror)),
                      file=sys.stderr)
                return 2
        else:
            password = os.environ.get(PASSWORD_ENV, "")
        if not password:
            print(t("dltutor serve: --auth password needs --password-file or ${variable}", variable=PASSWORD_ENV),
                  file=sys.stderr)
            return 2
    if args.auth == "passwords":
        problem = _check_passwords_file(args.passwords_file)
        if problem:
            print(f"dltutor serve: {problem}", file=sys.stderr)
            return 2
    if args.login_timeout <= 0 or args.max_per_address < 0:
        print(t("dltutor serve: --login-timeout must be above 0 and --max-per-address at least 0"), file=sys.stderr)
        return 2
    if args.auth == "keys" and not (args.data_dir / "keys").is_dir():
        print(t("dltutor serve: --auth keys needs {folder}/NAME.pub, one per student", folder=str(args.data_dir / "keys")),
              file=sys.stderr)
        return 2
    return serve(Options(host=args.host, port=args.port, auth=args.auth, data_dir=args.data_dir.resolve(),
                         max_sessions=args.max_sessions, idle_timeout=args.idle_timeout, password=password,
                         passwords_file=args.passwords_file.resolve() if args.passwords_file else None,
                         max_per_address=args.max_per_address, login_timeout=args.login_timeout, db=args.db))


def _check_passwords_file(path: Path | None) -> str | None:
    """Why `--auth passwords` can't start with this file, or None."""
    from tutor.serve.ssh_auth import PasswordFile

    if path is None:
        return t("--auth passwords needs --passwords-file FILE (name:secret lines, one per student)")
    try:
        if path.stat().st_mode & 0o077:
            return t("{path} holds every student's secret: make it readable only by you (chmod 600 {path})",
                     path=str(path))
        PasswordFile(path).load()
    except OSError as exc:
        return t("can't read the passwords file: {reason}", reason=str(exc.strerror))
    except ValueError as exc:
        return f"{path}: {exc}"
    return None


def _web(args: argparse.Namespace) -> int:
    from tutor.serve.web import WebOptions, public_url, serve_web
    from tutor.serve.web_compat import check_textual_serve

    try:
        url = public_url(args.public_url) if args.public_url else None
        check_textual_serve()
    except (ValueError, RuntimeError) as exc:      # a bad URL, or textual-serve changed under us
        print(f"dltutor serve: {exc}", file=sys.stderr)
        return 2
    try:
        return serve_web(WebOptions(host=args.host, port=args.port, data_dir=args.data_dir.resolve(),
                                    student=args.student, lang=args.lang, public_url=url,
                                    max_sessions=args.max_sessions, max_per_address=args.max_per_address,
                                    db=args.db))
    except OSError as exc:
        print(t("dltutor serve: can't listen on {host}:{port}: {reason}", host=args.host, port=args.port,
                reason=str(exc.strerror or exc)), file=sys.stderr)
        return 2
