"""Step 3 of the data path: hidden pytest graders judge the student's results in the trusted process."""
