# de: mit np.interp
# en: with np.interp
def one_cycle_lr(step, total_steps, max_lr, pct_start=0.3, div_factor=10.0, final_div_factor=10.0):
    start = max_lr / div_factor
    peak = pct_start * total_steps - 1
    xs = [0.0, peak, total_steps - 1]
    return float(np.interp(step, xs, [start, max_lr, start / final_div_factor]))
