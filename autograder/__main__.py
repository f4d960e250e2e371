import sys

from autograder.entry import main

sys.exit(main())
