# de: ≥ statt > (Gleichheit kommt praktisch nicht vor), Liste aus Wahrheitswerten
# en: ≥ instead of > (equality practically never happens), a list of truth values
def detect(model, X, threshold):
    errors = reconstruction_error(model, X)
    return [bool(e >= threshold) for e in errors]
