# de: mit math.prod über die Formen der Gewichte
# en: math.prod over the weights' shapes
import math


def conv_param_counts(c_in, c_out, k, H, W):
    conv = math.prod((c_out, c_in, k, k)) + c_out
    local = math.prod((H, W, c_out, c_in, k, k)) + math.prod((H, W, c_out))
    dense = math.prod((c_out * H * W, c_in * H * W)) + c_out * H * W
    return dict(conv=int(conv), local=int(local), dense=int(dense))
