from autograder.entry import run

run()
