# de: Argumente positionsweise in Signaturreihenfolge, vorab angelegtes Array
# en: arguments positionally in signature order, preallocated array
def minimize(grad_fn, w0, step_fn, steps, **hparams):
    import inspect

    names = list(inspect.signature(step_fn).parameters)
    state_names = [n for n in names if n in ("m", "s", "v")]
    state = {n: np.zeros(len(w0)) for n in state_names}
    path = np.zeros((steps + 1, len(w0)))
    path[0] = w0
    for k in range(steps):
        w = path[k]
        values = {"grad_fn": grad_fn, "t": k + 1, **state, **hparams}
        if "grad" in names:
            values["grad"] = grad_fn(w)
        args = [w] + [values[n] for n in names[1:] if n in values]
        out = step_fn(*args)
        if state_names:
            path[k + 1] = out[0]
            state = dict(zip(state_names, out[1:]))
        else:
            path[k + 1] = out
    return path
