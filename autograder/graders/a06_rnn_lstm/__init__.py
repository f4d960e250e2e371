"""Hidden graders of a06_rnn_lstm (RNN, BPTT, LSTM-Zelle, Gradient Clipping)."""
