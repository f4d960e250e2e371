# de: wie auf der Folie: Flatten(input_shape=[28, 28]) und keras.models.Sequential
# en: as on the slide: Flatten(input_shape=[28, 28]) and keras.models.Sequential
def keras_model():
    import warnings

    import keras

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Keras 3 prefers keras.Input, but accepts input_shape
        model = keras.models.Sequential(
            [
                keras.layers.Flatten(input_shape=[28, 28]),
                keras.layers.Dense(300, activation="relu"),
                keras.layers.Dense(100, activation="relu"),
                keras.layers.Dense(10, activation="softmax"),
            ]
        )
    return model
