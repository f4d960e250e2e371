# de: funktionale API mit keras.Model(inputs, outputs)
# en: the functional API with keras.Model(inputs, outputs)
def keras_model():
    from keras import Input, Model, layers

    inputs = Input(shape=(28, 28))
    x = layers.Flatten()(inputs)
    x = layers.Dense(300, activation="relu")(x)
    x = layers.Dense(100, activation="relu")(x)
    return Model(inputs, layers.Dense(10, activation="softmax")(x))
