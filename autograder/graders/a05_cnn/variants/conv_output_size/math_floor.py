# de: mit math.floor und der Spannweite des dilatierten Kerns
# en: with math.floor and the dilated kernel's span
import math


def conv_output_size(n, k, stride=1, padding=0, dilation=1):
    span = dilation * (k - 1) + 1
    return math.floor((n + 2 * padding - span) / stride) + 1
