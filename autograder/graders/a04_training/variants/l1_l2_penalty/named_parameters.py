# de: named_parameters, nur Namen auf „weight“
# en: named_parameters, only names ending in "weight"
def l1_l2_penalty(model, l1, l2):
    total = 0.0
    for name, param in model.named_parameters():
        if name.endswith("weight"):
            total += l1 * param.abs().sum().item() + 0.5 * l2 * param.pow(2).sum().item()
    return total
