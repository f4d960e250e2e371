"""Hidden graders of a01_perceptron_xor (Perzeptron & XOR)."""
