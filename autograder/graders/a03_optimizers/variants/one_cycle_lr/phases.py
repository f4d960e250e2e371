# de: Phasenliste wie in PyTorch
# en: list of phases as in PyTorch
def one_cycle_lr(step, total_steps, max_lr, pct_start=0.3, div_factor=10.0, final_div_factor=10.0):
    initial = max_lr / div_factor
    phases = [
        (pct_start * total_steps - 1, initial, max_lr),
        (total_steps - 1, max_lr, initial / final_div_factor),
    ]
    start_step = 0
    for i, (end_step, lr_start, lr_end) in enumerate(phases):
        if step <= end_step or i == len(phases) - 1:
            pct = (step - start_step) / (end_step - start_step)
            return (lr_end - lr_start) * pct + lr_start
        start_step = end_step
