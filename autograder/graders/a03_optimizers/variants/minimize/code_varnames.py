# de: Zustände als einzelne Variablen m, s, v, Liste von Punkten
# en: states as separate variables m, s, v, list of points
def minimize(grad_fn, w0, step_fn, steps, **hparams):
    import inspect

    params = inspect.signature(step_fn).parameters
    wanted = set(params)
    m = s = v = np.zeros_like(np.asarray(w0, dtype=float))
    w = np.asarray(w0, dtype=float)
    points = [w]
    for t in range(1, steps + 1):
        kw = dict(hparams)
        current = {"m": m, "s": s, "v": v}
        kw.update({k: val for k, val in current.items() if k in wanted})
        if "grad" in wanted:
            kw["grad"] = grad_fn(w)
        if "grad_fn" in wanted:
            kw["grad_fn"] = grad_fn
        if "t" in wanted:
            kw["t"] = t
        out = step_fn(w, **kw)
        order = [k for k in params if k in current]
        if order:
            w = out[0]
            for name, value in zip(order, out[1:]):
                if name == "m":
                    m = value
                elif name == "s":
                    s = value
                else:
                    v = value
        else:
            w = out
        points.append(w)
    return np.array(points)
