"""Wrong on purpose: returns an object that raises when it is merely looked at."""


class Odd:
    def __call__(self):
        return 0

    def __getattr__(self, name):
        raise RuntimeError("do not look at me")


def sigmoid(z):
    return Odd()


def sigmoid_prime(z):
    return Odd()
