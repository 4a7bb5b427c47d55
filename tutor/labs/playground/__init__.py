"""Lab `playground`: the terminal answer to TensorFlow Playground.

Pick a data set (xor, circles, moons, spiral, blobs), its noise and the
train/test split; pick the hidden layers (`hidden=4,4`), the activation, the
learning rate, the optimizer, the batch size and the L2 penalty; then watch
the decision regions, the train and test loss and the epoch counter.

Every run is an iterator of engine Events, as for every lab:

* stepping (`space`): one event per mini-batch step;
* running (`r`): a background thread trains as fast as it may (or at `pace`
  epochs per second) and each event is a snapshot of its progress — the
  weights, the counters and the per-epoch losses since the previous event.

An event carries the weights (a few dozen numbers), not a picture: the view
computes the decision regions from them, at most a few times a second, so
the history a student steps back through stays small.

Inputs are standardised with the training set's mean and standard
deviation.  The output is one sigmoid unit (class 1 when y > 0.5) trained
with the fused sigmoid + binary cross-entropy loss (∂E/∂z = σ(z) − t).  A
loss or weight that stops being a finite number ends the run with a
`diverged` event at that step; the weights shown are the last good ones.
"""
from __future__ import annotations

import threading
import time
from typing import Any, Callable, Iterator, TextIO

import numpy as np

from engine.events import Event, fmt
from tutor.labs.kit.lab import Lab, LabError, Param
from tutor.labs.kit.text import pad

DATASETS = ("xor", "circles", "moons", "spiral", "blobs")
ACTIVATIONS = ("tanh", "relu", "sigmoid", "leaky_relu", "elu", "gelu", "linear")
OPTIMIZERS = ("sgd", "momentum", "adagrad", "rmsprop", "adam")
MAX_LAYERS, MAX_NEURONS = 6, 8
BLOWUP = 10          # a training loss this many times the starting one counts as diverged


def parse_hidden(text) -> list[int]:
    """'4,4' -> [4, 4]; '' or '0' -> [] (no hidden layer: a straight-line boundary)."""
    raw = str(text).replace(" ", "").strip(",")
    if raw in ("", "0", "none"):
        return []
    try:
        sizes = [int(part) for part in raw.split(",")]
    except ValueError:
        raise LabError(f"lab playground: hidden={text!r}: give neurons per layer separated by commas, e.g. 4,4") from None
    if len(sizes) > MAX_LAYERS or any(not 1 <= s <= MAX_NEURONS for s in sizes):
        raise LabError(f"lab playground: hidden={text!r}: at most {MAX_LAYERS} layers of 1 to {MAX_NEURONS} neurons")
    return sizes


def make_data(name: str, n: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two classes in the plane, from engine.data (xor: the XOR gate's corners with noise)."""
    from engine import data

    if name == "xor":
        corners, labels = data.xor_gate()
        rng = np.random.default_rng(seed)
        pick = np.arange(n) % 4
        X = (2 * corners[pick] - 1) * 0.6 + rng.normal(0.0, 0.1 + noise, (n, 2))
        order = rng.permutation(n)
        return X[order], labels[pick][order]
    if name == "circles":
        return data.circles(n, noise=noise, seed=seed)
    if name == "moons":
        return data.moons(n, noise=noise, seed=seed)
    if name == "spiral":
        return data.spiral(n, classes=2, noise=noise, seed=seed)
    return data.blobs(n, centers=[[-1.0, -1.0], [1.0, 1.0]], std=0.25 + noise, seed=seed)


def build_network(sizes: list[int], activation: str, seed: int):
    from engine import layers as L
    from engine.network import Sequential

    kinds = {"tanh": L.Tanh, "relu": L.ReLU, "sigmoid": L.Sigmoid, "leaky_relu": L.LeakyReLU,
             "elu": L.ELU, "gelu": L.GELU}
    init = "he" if activation in ("relu", "leaky_relu", "elu", "gelu") else "xavier"
    stack, width = [], 2
    for k, size in enumerate(sizes):
        stack.append(L.Dense(width, size, init=init, rng=seed + k))
        if activation in kinds:
            stack.append(kinds[activation]())
        width = size
    stack.append(L.Dense(width, 1, init="xavier", rng=seed + len(sizes)))
    return Sequential(stack)


class Trainer:
    """The network, the data and the counters of one run; thread-safe steps and snapshots."""

    def __init__(self, values: dict, lang: str = "en") -> None:
        from engine.data import train_test_split
        from engine.losses import get_loss
        from engine.optimizers import get_optimizer

        v = values
        self.lang = lang               # the language of the labels and of `why`
        X, y = make_data(v["data"], v["n"], v["noise"], v["seed"])
        Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=v["test"], seed=v["seed"], stratify=True)
        mean, std = Xtr.mean(axis=0), Xtr.std(axis=0) + 1e-12
        self.Xtr, self.Xte = (Xtr - mean) / std, (Xte - mean) / std
        self.ytr, self.yte = ytr.astype(float)[:, None], yte.astype(float)[:, None]
        self.sizes = parse_hidden(v["hidden"])
        self.net = build_network(self.sizes, v["activation"], v["seed"])
        self.loss = get_loss("sigmoid_bce")
        self.optimizer = get_optimizer(v["optimizer"], lr=v["lr"], weight_decay=v["l2"])
        self.batch = min(int(v["batch"]), len(self.Xtr))
        self.max_epochs = int(v["epochs"])
        self.rng = np.random.default_rng(v["seed"])
        self.order = self.rng.permutation(len(self.Xtr))
        self.lock = threading.Lock()
        self.step = 0                  # mini-batch steps taken
        self.epoch = 0                 # epochs completed
        self.position = 0              # where in the shuffled order the next batch starts
        self.finished = False
        self.diverged_at: int | None = None
        self.why = ""
        self.why_tex = ""      # the divergence as a formula, when the loss is still a number
        self.diverged_epoch = 0
        self.last_batch_loss = float("nan")
        self.curve: list[tuple[int, float, float, float, float]] = []   # epoch, train/test loss and accuracy
        self.sent = 0                  # curve points already handed out in an event
        self.epoch_start = self.net.state()
        self.start_eval = self.evaluate()

    def tr(self, en: str, zh: str) -> str:
        return zh if self.lang == "zh" else en

    @property
    def batches_per_epoch(self) -> int:
        return -(-len(self.Xtr) // self.batch)

    def evaluate(self) -> tuple[float, float, float, float]:
        with np.errstate(over="ignore", invalid="ignore"):
            scores = []
            for X, y in ((self.Xtr, self.ytr), (self.Xte, self.yte)):
                z = self.net.predict(X)
                scores += [self.loss.value(z, y), float(np.mean((z > 0) == (y > 0.5)))]
        return scores[0], scores[2], scores[1], scores[3]    # train loss, test loss, train acc, test acc

    def train_batch(self, count: int = 1) -> None:
        """`count` mini-batch steps (call with the lock held)."""
        # a diverging run overflows on purpose: we detect it, so silence the warnings
        with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
            for _ in range(count):
                if self.finished:
                    return
                self._step()

    def _step(self) -> None:
        idx = self.order[self.position:self.position + self.batch]
        Xb, yb = self.Xtr[idx], self.ytr[idx]
        if self.position == 0:
            self.epoch_start = self.net.state()     # the weights to go back to if this epoch blows up
        self.step += 1
        z = self.net.forward(Xb, training=True)
        value, delta = self.loss.value_and_grad(z, yb)
        if np.isfinite(value):
            self.net.backward(delta)
            self.optimizer.step(self.net)
        else:   # nan weights make the next loss nan, so this also catches a blown-up update
            self.net.set_state(self.epoch_start)     # keep the last good weights
            self.finished, self.diverged_at, self.diverged_epoch = True, self.step, self.epoch + 1
            self.why = self.tr("the loss or a weight stopped being a finite number", "损失或某个权重不再是有限数")
            return
        self.last_batch_loss = float(value)
        self.position += self.batch
        if self.position >= len(self.Xtr):
            self.position = 0
            self.epoch += 1
            self.order = self.rng.permutation(len(self.Xtr))
            scores = self.evaluate()
            if not all(np.isfinite(scores)):
                self.finished, self.diverged_at, self.diverged_epoch = True, self.step, self.epoch
                self.why = self.tr("the loss stopped being a finite number", "损失不再是有限数")
                return
            if scores[0] > BLOWUP * max(self.start_eval[0], 0.5):
                # finite but far worse than the untrained network: the steps overshoot
                self.finished, self.diverged_at, self.diverged_epoch = True, self.step, self.epoch
                grew, start = f"{scores[0]:.3g}", f"{self.start_eval[0]:.3g}"
                self.why = self.tr(f"the training loss grew to {grew}, more than {BLOWUP} times its "
                                   f"starting value {start}",
                                   f"训练损失涨到了 {grew}，超过开始时 {start} 的 {BLOWUP} 倍")
                self.why_tex = rf"E = {fmt(scores[0])} > {BLOWUP} \cdot {fmt(max(self.start_eval[0], 0.5))}"
                return
            self.curve.append((self.epoch, *scores))
            if self.epoch >= self.max_epochs:
                self.finished = True

    def event(self, kind: str = "update") -> Event:
        """A snapshot: weights, counters, and the epochs finished since the last snapshot.
        Its step is the training step (a running lab trains several between snapshots)."""
        with self.lock:
            fresh, self.sent = self.curve[self.sent:], len(self.curve)
            arrays = {f"w{i}.{k}": p for i, k, p in self.net.parameters()}
            if not all(np.all(np.isfinite(p)) for p in arrays.values()):   # blew up since the last batch
                arrays = {f"w{key}": p for key, p in self.epoch_start.items()}
            if fresh:
                arrays["curve"] = np.array(fresh, dtype=float)
            train_loss, test_loss, train_acc, test_acc = self.curve[-1][1:] if self.curve else self.start_eval
            values = {"step": self.step, "epoch": self.epoch, "batch": self.position // self.batch,
                      "batch_loss": self.last_batch_loss, "train_loss": train_loss, "test_loss": test_loss,
                      "train_acc": train_acc, "test_acc": test_acc}
        tr = self.tr
        if values["batch"] == 0:
            where = tr(f"Step {values['step']}: epoch {values['epoch']} done",
                       f"第 {values['step']} 步：第 {values['epoch']} 轮完成")
        else:
            where = tr(f"Step {values['step']} (epoch {values['epoch'] + 1}, batch {values['batch']} "
                       f"of {self.batches_per_epoch})",
                       f"第 {values['step']} 步（第 {values['epoch'] + 1} 轮，"
                       f"第 {values['batch']}/{self.batches_per_epoch} 批）")
        if np.isfinite(values["batch_loss"]):
            where += tr(f", batch loss {values['batch_loss']:.4f}", f"，这批的损失 {values['batch_loss']:.4f}")
        label = where     # the step, and the batch loss when there is one
        if self.lang == "zh":   # no subscripts: Chinese has no subscript letters (E_{训练} takes two lines)
            formula = (rf"\text{{训练损失}} = {fmt(train_loss)},\ \text{{测试损失}} = {fmt(test_loss)},\ "
                       rf"\text{{测试准确率}} = {fmt(test_acc, 3)}")
        else:
            formula = (rf"E_{{\text{{train}}}} = {fmt(train_loss)},\quad E_{{\text{{test}}}} = {fmt(test_loss)},\quad "
                       rf"\text{{test accuracy}} = {fmt(test_acc, 3)}")
        return Event(kind, label, formula, arrays, values, values["step"])


class Background:
    """Trains in a thread while `keep_going()` says so (the stepper is running)."""

    def __init__(self, trainer: Trainer, keep_going: Callable[[], bool], pace: float) -> None:
        self.trainer, self.keep_going, self.pace = trainer, keep_going, pace
        self.progress = threading.Condition()
        self.thread: threading.Thread | None = None
        self.closed = False

    def ensure(self) -> None:
        if self.thread is None or not self.thread.is_alive():
            self.thread = threading.Thread(target=self._loop, name="playground-train", daemon=True)
            self.thread.start()

    def _loop(self) -> None:
        t = self.trainer
        start, epoch0 = time.perf_counter(), t.epoch
        while not self.closed and not t.finished and self.keep_going():
            with t.lock:
                t.train_batch(8)            # a few steps per lock: cheap, and the UI still gets the GIL
            with self.progress:
                self.progress.notify_all()
            if self.pace > 0:   # at most `pace` epochs per second
                ahead = (t.epoch - epoch0) / self.pace - (time.perf_counter() - start)
                if ahead > 0:
                    time.sleep(min(ahead, 0.1))
        with self.progress:
            self.progress.notify_all()

    def wait(self, step: int, timeout: float = 0.25) -> None:
        """Until the trainer has gone past `step` (or finished, or stopped)."""
        with self.progress:
            self.progress.wait_for(lambda: self.trainer.step > step or self.trainer.finished
                                   or self.thread is None or not self.thread.is_alive(), timeout)

    def stop(self) -> None:
        self.closed = True
        if self.thread is not None and self.thread is not threading.current_thread():
            self.thread.join(timeout=2)


class PlaygroundLab(Lab):
    name = "playground"
    title = "Playground: a network learns to separate two classes"
    title_zh = "游乐场：网络学习把两类点分开"
    summary = "Data set, noise, split, hidden layers, activation, learning rate, optimizer, batch, L2: watch it learn."
    params = (
        Param("data", "circles", "the data set", str, choices=DATASETS),
        Param("noise", 0.1, "noise added to the points", low=0.0, high=1.0),
        Param("n", 200, "number of points", int, low=20, high=2000),
        Param("test", 0.3, "fraction of the points kept for testing", low=0.1, high=0.9),
        Param("hidden", "4,4", "neurons per hidden layer, e.g. 4,4 (0 = no hidden layer)", str),
        Param("activation", "tanh", "activation of the hidden layers", str, choices=ACTIVATIONS),
        Param("lr", 0.1, "learning rate η", low=1e-6, high=1e4),
        Param("optimizer", "sgd", "the update rule", str, choices=OPTIMIZERS),
        Param("batch", 10, "examples per step (mini-batch size)", int, low=1, high=2000),
        Param("l2", 0.0, "L2 penalty λ (weight decay)", low=0.0, high=10.0),
        Param("epochs", 500, "stop after this many epochs", int, low=1, high=1_000_000),
        Param("pace", 25.0, "epochs per second while running (0 = as fast as the machine can)", low=0.0, high=1e6),
        Param("seed", 0, "seed of the data, the split and the weights", int, low=0, high=10**6),
    )

    def __init__(self, **values: Any) -> None:
        super().__init__(**values)
        self.sizes = parse_hidden(self.values["hidden"])
        # the app's view sets this so a run knows whether the stepper is running (see run())
        self.is_running: Callable[[], bool] = lambda: False

    def run(self) -> Iterator[Event]:
        return self._events()

    def _events(self) -> Iterator[Event]:
        t = self.trainer = Trainer(self.values, self.lang)   # the latest run's trainer (benchmarks read its counters)
        layers = "-".join(["2", *map(str, t.sizes), "1"])
        first = t.event("info")
        yield Event("info", self.tr(f"{self.values['data']}: {len(t.Xtr)} training and {len(t.Xte)} test points; "
                                    f"network {layers}, {t.net.param_count()} parameters",
                                    f"{self.values['data']}：{len(t.Xtr)} 个训练点，{len(t.Xte)} 个测试点；"
                                    f"网络 {layers}，{t.net.param_count()} 个参数"),
                    first.formula, {**first.arrays, "Xtr": t.Xtr, "ytr": t.ytr[:, 0], "Xte": t.Xte, "yte": t.yte[:, 0]},
                    {**first.values, "layers": layers, "params": t.net.param_count()}, 0)
        worker = Background(t, self.is_running, float(self.values["pace"]))
        try:
            while not t.finished:
                if self.is_running():
                    step = t.step
                    worker.ensure()
                    worker.wait(step)
                    if t.step == step and not t.finished:    # paused meanwhile: take one step ourselves
                        with t.lock:
                            t.train_batch()
                else:
                    with t.lock:
                        t.train_batch()
                if t.diverged_at is not None:
                    break
                yield t.event()
        finally:
            worker.stop()
        if t.diverged_at is not None:
            yield Event("diverged", self.tr(f"Diverged at step {t.diverged_at} (epoch {t.diverged_epoch})",
                                            f"在第 {t.diverged_at} 步发散（第 {t.diverged_epoch} 轮）"),
                        t.why_tex or rf"E = \text{{{self.tr('not a finite number', '不是有限数')}}}",
                        values={"step": t.diverged_at, "epoch": t.diverged_epoch,
                                "message": self.tr(f"diverged at step {t.diverged_at}: {t.why}; "
                                                   "try a smaller learning rate",
                                                   f"在第 {t.diverged_at} 步发散：{t.why}；试试更小的学习率")},
                        step=t.diverged_at)
            return
        last = t.event("done")
        yield Event("done", self.tr(f"Done after {t.epoch} epochs: test accuracy {last.values['test_acc']:.3f}",
                                    f"完成，共训练 {t.epoch} 轮：测试准确率 {last.values['test_acc']:.3f}"),
                    last.formula, last.arrays, {**last.values, "epochs": t.epoch}, t.step)

    def plain(self, out: TextIO) -> None:
        from rich.cells import cell_len

        v, tr = self.values, self.tr
        print(tr(f"Playground: {v['data']} (noise {v['noise']:g}, {v['n']} points, test fraction {v['test']:g}), "
                 f"hidden {v['hidden'] or 'none'}, {v['activation']}, {v['optimizer']} η = {v['lr']:g}, "
                 f"batch {v['batch']}, L2 {v['l2']:g}, {v['epochs']} epochs, seed {v['seed']}",
                 f"游乐场：{v['data']}（噪声 {v['noise']:g}，{v['n']} 个点，测试比例 {v['test']:g}），"
                 f"隐藏层 {v['hidden'] or '无'}，{v['activation']}，{v['optimizer']} η = {v['lr']:g}，"
                 f"批量 {v['batch']}，L2 {v['l2']:g}，{v['epochs']} 轮，种子 {v['seed']}"), file=out)
        t = Trainer(v, self.lang)
        layers = "-".join(["2", *map(str, t.sizes), "1"])
        print(tr(f"{len(t.Xtr)} training points, {len(t.Xte)} test points; network {layers}, "
                 f"{t.net.param_count()} parameters; {t.batches_per_epoch} steps per epoch",
                 f"{len(t.Xtr)} 个训练点，{len(t.Xte)} 个测试点；网络 {layers}，"
                 f"{t.net.param_count()} 个参数；每轮 {t.batches_per_epoch} 步"), file=out)
        every = max(1, t.max_epochs // 10)
        # the table's columns: (heading, width); a heading wider than its numbers widens the column
        heads = [(tr("epoch", "轮次"), 5), (tr("train loss", "训练损失"), 10), (tr("test loss", "测试损失"), 9),
                 (tr("train acc", "训练准确率"), 9), (tr("test acc", "测试准确率"), 8)]
        widths = [max(w, cell_len(h)) for h, w in heads]
        print("   ".join(pad(h, w, right=True) for (h, _), w in zip(heads, widths)), file=out)
        while not t.finished:
            t.train_batch()
            if t.curve and t.curve[-1][0] % every == 0 and t.position == 0 and t.diverged_at is None:
                e, trl, tel, tra, tea = t.curve[-1]
                w = widths
                print(f"{e:>{w[0]}}   {trl:>{w[1]}.4f}   {tel:>{w[2]}.4f}   {tra:>{w[3]}.3f}   {tea:>{w[4]}.3f}",
                      file=out)
        if t.diverged_at is not None:
            print(tr(f"Diverged at step {t.diverged_at} (epoch {t.diverged_epoch}): {t.why}; "
                     "try a smaller learning rate.",
                     f"在第 {t.diverged_at} 步发散（第 {t.diverged_epoch} 轮）：{t.why}；试试更小的学习率。"), file=out)
            return
        scores = t.evaluate()
        trl, tel, tra, tea = f"{scores[0]:.4f}", f"{scores[1]:.4f}", f"{scores[2]:.3f}", f"{scores[3]:.3f}"
        print(tr(f"Final: train loss {trl}, test loss {tel}, train accuracy {tra}, test accuracy {tea}",
                 f"最终：训练损失 {trl}，测试损失 {tel}，训练准确率 {tra}，测试准确率 {tea}"), file=out)
        print(tr("Decision regions (1: predicted class 1, ·: class 0; X/O: training points of class 1/0, "
                 "x/o: test points)",
                 "决策区域（1：预测为类别 1，·：类别 0；X/O：类别 1/0 的训练点，x/o：测试点）"), file=out)
        for line in region_lines(t):
            print("  " + line, file=out)


def grid_for(Xs, cols: int, rows: int) -> tuple[np.ndarray, tuple[float, float, float, float]]:
    """Points covering the data (top row = largest x₂) and the box (x_lo, x_hi, y_lo, y_hi)."""
    allX = np.vstack(Xs)
    lo, hi = allX.min(axis=0) - 0.3, allX.max(axis=0) + 0.3
    gx, gy = np.linspace(lo[0], hi[0], cols), np.linspace(hi[1], lo[1], rows)
    xx, yy = np.meshgrid(gx, gy)
    return np.c_[xx.ravel(), yy.ravel()], (lo[0], hi[0], lo[1], hi[1])


def to_cells(X, box, cols: int, rows: int) -> tuple[np.ndarray, np.ndarray]:
    x_lo, x_hi, y_lo, y_hi = box
    c = np.clip(np.round((X[:, 0] - x_lo) / (x_hi - x_lo) * (cols - 1)), 0, cols - 1).astype(int)
    r = np.clip(np.round((y_hi - X[:, 1]) / (y_hi - y_lo) * (rows - 1)), 0, rows - 1).astype(int)
    return r, c


def region_lines(t: Trainer, cols: int = 48, rows: int = 20) -> list[str]:
    points, box = grid_for([t.Xtr, t.Xte], cols, rows)
    cls = (t.net.predict(points) > 0).reshape(rows, cols)
    grid = np.where(cls, "1", "·").astype(object)
    for X, y, marks in ((t.Xte, t.yte[:, 0], "ox"), (t.Xtr, t.ytr[:, 0], "OX")):
        r, c = to_cells(X, box, cols, rows)
        grid[r, c] = np.where(y > 0.5, marks[1], marks[0])
    return ["".join(row) for row in grid]
