import sys

from tutor.language import choose_lang
from tutor.locale import set_language
from tutor.serve.cli import main

set_language(choose_lang())     # the server speaks its locale's language (`dltutor serve` sets it too)
raise SystemExit(main(sys.argv[1:]))
