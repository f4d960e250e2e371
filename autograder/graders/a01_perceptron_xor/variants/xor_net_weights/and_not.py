# de: (x₁ ∧ ¬x₂) ∨ (¬x₁ ∧ x₂)
# en: (x₁ ∧ ¬x₂) ∨ (¬x₁ ∧ x₂)
def xor_net_weights():
    W1 = np.array([[1.0, -1.0], [-1.0, 1.0]])
    return W1, np.array([-0.5, -0.5]), np.array([[1.0, 1.0]]), np.array([-0.5])
