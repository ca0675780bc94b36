import sys

from quality.cli import main

sys.exit(main())
