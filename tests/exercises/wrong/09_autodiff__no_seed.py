"""Wrong on purpose: no seed."""
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
        order, seen = [], set()

        def visit(node):
            if node not in seen:
                seen.add(node)
                for parent in node.parents:
                    visit(parent)
                order.append(node)
        visit(self)
        for node in reversed(order):
            node.send_back()
