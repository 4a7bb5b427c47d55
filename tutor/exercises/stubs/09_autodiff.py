"""Exercise 09 · A tiny automatic differentiation — lesson [[computational-graphs]]

Backpropagation, one number at a time.  A Value holds a number (`data`) and,
after backward(), the derivative of the final result with respect to it (`grad`).
Each operation makes a new Value and remembers how to send a gradient back:

    out = a + b      a.grad += 1 · out.grad          b.grad += 1 · out.grad
    out = a * b      a.grad += b.data · out.grad     b.grad += a.data · out.grad
    out = a.tanh()   a.grad += (1 − out.data²) · out.grad

out.backward() sets out.grad = 1 and then lets every node send its gradient
back, each node only after all the nodes that use it have (a reverse
topological order).  A Value used twice (x * x, or x * y + x) receives a
gradient from every use: they add up (+=).

    x, y = Value(3.0), Value(-2.0)
    f = x * y + x
    f.backward()
    f.data, x.grad, y.grad      # -3.0, -1.0, 3.0

Write the class below: the four marked methods.  Check with:

    dltutor exercises check 09
"""


class Value:
    def __init__(self, data, parents=()):
        self.data = float(data)
        self.grad = 0.0
        self.parents = parents              # the Values this one was made from
        self.send_back = lambda: None       # adds this node's gradient to its parents' grad

    def __add__(self, other):
        # --- write your code here: out = Value(self.data + other.data, (self, other)) and its send_back ---
        raise NotImplementedError

    def __mul__(self, other):
        # --- write your code here ---
        raise NotImplementedError

    def tanh(self):
        # --- write your code here ---
        raise NotImplementedError

    def backward(self):
        # --- write your code here: order the nodes, set self.grad = 1, call send_back in reverse order ---
        raise NotImplementedError
