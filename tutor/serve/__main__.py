import sys

from tutor.serve.cli import main

raise SystemExit(main(sys.argv[1:]))
