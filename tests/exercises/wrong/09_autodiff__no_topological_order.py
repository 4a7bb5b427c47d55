"""Wrong on purpose: no topological order."""
import math


class Value:
    def __init__(self, data, parents=()):
        self.data = float(data)
        self.grad = 0.0
        self.parents = parents
        self.send_back = lambda: None

    def __add__(self, other):
        out = Value(self.data + other.data, (self, other))

        def send_back():
            self.grad += out.grad
            other.grad += out.grad
        out.send_back = send_back
        return out

    def __mul__(self, other):
        out = Value(self.data * other.data, (self, other))

        def send_back():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out.send_back = send_back
        return out

    def tanh(self):
        out = Value(math.tanh(self.data), (self,))

        def send_back():
            self.grad += (1 - out.data ** 2) * out.grad
        out.send_back = send_back
        return out

    def backward(self):
        self.grad = 1.0
        self.send_back()
        for parent in self.parents:
            parent.backward_from_here()

    def backward_from_here(self):
        self.send_back()
        for parent in self.parents:
            parent.backward_from_here()
