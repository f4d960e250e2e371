# task: xor_certificate
# verdict: zero
# attack: loops forever while the cell is executed
while True:
    pass
