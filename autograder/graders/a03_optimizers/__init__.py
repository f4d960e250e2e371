"""Hidden graders of a03_optimizers (Optimierer: SGD bis AdamW, 1cycle)."""
