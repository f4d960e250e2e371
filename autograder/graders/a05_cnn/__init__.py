"""Hidden graders of a05_cnn: convolution, pooling and their gradients."""
