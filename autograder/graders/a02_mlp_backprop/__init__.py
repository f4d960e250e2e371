"""Hidden graders of a02_mlp_backprop (MLP: Aktivierungen, Kosten, Vorwärts- und Rückwärtspass)."""
