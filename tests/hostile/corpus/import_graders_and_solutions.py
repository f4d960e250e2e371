# task: xor_certificate
# verdict: zero
# attack: imports the hidden graders and the reference
def xor_certificate():
    import autograder.graders.a01_perceptron_xor.certificates  # noqa: F401
    from solutions import a01_perceptron_xor

    return a01_perceptron_xor.xor_certificate()
