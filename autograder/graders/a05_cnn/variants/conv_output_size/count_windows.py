# de: Fensterpositionen abzählen
# en: counting the window positions
def conv_output_size(n, k, stride=1, padding=0, dilation=1):
    last = n + 2 * padding - 1  # the last index of the padded input
    count, start = 0, 0
    while start + dilation * (k - 1) <= last:
        count += 1
        start += stride
    return count
