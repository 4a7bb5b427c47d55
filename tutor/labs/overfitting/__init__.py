"""Lab `overfitting`: model capacity against data size, and three ways to hold a big model back.

A 1 → hidden → hidden → 1 tanh network learns y = sin x from a few noisy
points; a separate validation set (200 points from the same noisy source)
measures what it really learned.  Plenty of parameters and few points: the
training loss goes to 0 while the validation loss turns around and rises.
The toggles (keys in the TUI, or parameters):
    l2        weight decay λ: E + ½λ‖W‖² (engine/optimizers.py)
    dropout   each hidden unit switched off with probability p while training
    patience  early stopping: stop when the validation loss has not improved
              for that many epochs and put back the best weights
"""
from __future__ import annotations

from typing import Iterator, TextIO

import numpy as np

from engine.events import Event, fmt
from tutor.labs.kit.engine_zh import engine_text
from tutor.labs.kit.lab import Lab, Param
from tutor.labs.kit.text import pad
from tutor.labs.kit.training import diverged_reason, make_optimizer

CURVE = 101
VALIDATION = 200


def noisy_sine(n: int, noise: float, seed: int):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-np.pi, np.pi, n)
    return x[:, None], np.sin(x) + rng.normal(0.0, noise, n)


class OverfittingLab(Lab):
    name = "overfitting"
    title = "Overfitting: capacity, data, and regularisation"
    title_zh = "过拟合：模型容量、数据量与正则化"
    summary = "A big network on a few noisy points: training and validation loss; L2, dropout and early stopping as toggles."
    params = (
        Param("hidden", 32, "neurons in each of the two hidden layers (capacity)", int, low=1, high=256),
        Param("points", 10, "training points (data size)", int, low=2, high=2000),
        Param("noise", 0.25, "standard deviation of the noise on sin x", low=0.0, high=10.0),
        Param("epochs", 1000, "most epochs (full batch)", int, low=1, high=20_000),
        Param("lr", 0.03, "learning rate η", low=1e-9, high=1e9),
        Param("optimizer", "adam", "update rule", str, choices=("adam", "sgd")),
        Param("l2", 0.0, "L2 weight decay λ (0 = off)", low=0.0, high=10.0),
        Param("dropout", 0.0, "dropout probability after each hidden layer (0 = off)", low=0.0, high=0.9),
        Param("patience", 0, "early stopping after this many epochs without a better validation loss (0 = off)",
              int, low=0, high=10_000),
        Param("seed", 0, "seed of the data, the weights and the dropout masks", int, low=0, high=10**6),
    )

    def network(self):
        from engine.layers import Dense, Dropout, Tanh
        from engine.network import Sequential

        v = self.values
        h, p, s = v["hidden"], v["dropout"], v["seed"]
        layers = [Dense(1, h, init="xavier", rng=s), Tanh()]
        if p:
            layers.append(Dropout(p, rng=s))
        layers += [Dense(h, h, init="xavier", rng=s + 1), Tanh()]
        if p:
            layers.append(Dropout(p, rng=s + 1))
        layers.append(Dense(h, 1, init="xavier", rng=s + 2))
        return Sequential(layers)

    def data(self):
        v = self.values
        X, y = noisy_sine(v["points"], v["noise"], v["seed"])
        Xv, yv = noisy_sine(VALIDATION, v["noise"], v["seed"] + 1000)
        return X, y, Xv, yv

    def run(self) -> Iterator[Event]:
        return self._events()

    def settings_text(self) -> str:
        v = self.values
        on = [f"L2 λ = {v['l2']:g}" if v["l2"] else "", f"dropout p = {v['dropout']:g}" if v["dropout"] else "",
              self.tr(f"early stopping (patience {v['patience']})", f"早停（耐心值 {v['patience']}）")
              if v["patience"] else ""]
        on = [s for s in on if s]
        return self.tr(", ", "，").join(on) if on else self.tr("no regularisation", "无正则化")

    def _events(self) -> Iterator[Event]:
        from engine.training import evaluate, iter_fit

        v = self.values
        X, y, Xv, yv = self.data()
        net = self.network()
        P = net.param_count()
        grid = np.linspace(-np.pi, np.pi, CURVE)
        curve = lambda: {"x": grid, "target": np.sin(grid), "y": net.predict(grid[:, None])[:, 0],
                         "points_x": X[:, 0], "points_y": y}
        base = {"params": P, "points": v["points"]}
        yield Event("info", self.tr(f"{P} parameters, {v['points']} training points, {VALIDATION} validation points; "
                                    f"{self.settings_text()}",
                                    f"{P} 个参数，{v['points']} 个训练点，{VALIDATION} 个验证点；{self.settings_text()}"),
                    rf"P = {P} \gg n = {v['points']},\quad E = \tfrac{{1}}{{2n}}\sum (\hat y - y)^2"
                    + (rf" + \tfrac{{{v['l2']:g}}}{{2}}\lVert W\rVert^2" if v["l2"] else ""),
                    arrays=curve(), values={**base, "epoch": 0}, step=0)
        every = max(1, v["epochs"] // 100)
        history = None
        step = 1
        rule = make_optimizer(v["optimizer"], v["lr"], weight_decay=v["l2"])
        for history in iter_fit(net, X, y, "mse", rule, epochs=v["epochs"],
                                validation=(Xv, yv), patience=v["patience"] or None, seed=v["seed"]):
            if history.diverged:
                at = history.diverged_at or {}
                yield Event("diverged", self.tr(f"Diverged at step {at.get('step')} (epoch {at.get('epoch')})",
                                                f"在第 {at.get('step')} 步发散（第 {at.get('epoch')} 轮）"), "",
                            values={**base, "step": at.get("step"), "epoch": at.get("epoch"),
                                    "message": history.message}, step=step)
                return
            e = history.epochs
            if e % every and not history.stop_reason:
                continue
            tl, vl = history.train_loss[-1], history.val_loss[-1]
            best = int(np.argmin(history.val_loss)) + 1
            low = min(history.val_loss)
            yield Event("info", self.tr(f"Epoch {e}: train {tl:.4f}, validation {vl:.4f} (best {low:.4f} at {best})",
                                        f"第 {e} 轮：训练 {tl:.4f}，验证 {vl:.4f}（最好 {low:.4f}，在第 {best} 轮）"),
                        rf"E_{{\text{{train}}}} = {fmt(tl)},\quad E_{{\text{{val}}}} = {fmt(vl)},\quad "
                        rf"E_{{\text{{val}}}} - E_{{\text{{train}}}} = {fmt(vl - tl)}",
                        arrays=curve(), values={**base, "epoch": e, "train_loss": tl, "val_loss": vl,
                                                "best_epoch": best}, step=step)
            step += 1
        tl, _ = evaluate(net, X, y, "mse")
        vl, _ = evaluate(net, Xv, yv, "mse")
        if history.stop_reason == "early_stopping":
            why = engine_text(history.message, self.lang)
        else:
            why = self.tr(f"{history.epochs} epochs", f"{history.epochs} 轮")
        yield Event("done", self.tr(f"Done ({why}): training loss {tl:.4f}, validation loss {vl:.4f}, gap {vl - tl:.4f}",
                                    f"完成（{why}）：训练损失 {tl:.4f}，验证损失 {vl:.4f}，差距 {vl - tl:.4f}"),
                    rf"E_{{\text{{val}}}} - E_{{\text{{train}}}} = {fmt(vl)} - {fmt(tl)} = {fmt(vl - tl)}",
                    arrays=curve(), values={**base, "epoch": history.epochs, "final_train": tl, "final_val": vl,
                                            "stop": history.stop_reason, "best_epoch": history.best_epoch},
                    step=step)

    def plain(self, out: TextIO) -> None:
        v = self.values
        shape = f"1-{v['hidden']}-{v['hidden']}-1"
        print(self.tr(f"{shape} tanh network, {v['points']} training points of sin x + noise "
                      f"{v['noise']:g}, {VALIDATION} validation points, {v['optimizer']} lr {v['lr']:g}, "
                      f"{v['epochs']} epochs; {self.settings_text()}",
                      f"{shape} tanh 网络，{v['points']} 个训练点（sin x 加上噪声 {v['noise']:g}），"
                      f"{VALIDATION} 个验证点，{v['optimizer']} 学习率 {v['lr']:g}，最多 {v['epochs']} 轮；"
                      f"{self.settings_text()}"), file=out)
        every = max(1, v["epochs"] // 10)
        for e in self.run():
            val = e.values
            if e.kind == "info" and val["epoch"] == 0:
                print(self.tr(f"Parameters: {val['params']}, training points: {val['points']}",
                              f"参数：{val['params']}，训练点：{val['points']}"), file=out)
                print(pad(self.tr("epoch", "轮次"), 6, right=True) + "   " + pad(self.tr("train loss", "训练损失"), 10) + "   "
                      + self.tr("validation loss", "验证损失"), file=out)
            elif e.kind == "info" and (val["epoch"] % every == 0 or val["epoch"] == v["epochs"]):
                print(f"{val['epoch']:>6}   {val['train_loss']:.6f}     {val['val_loss']:.6f}", file=out)
            elif e.kind in ("done", "diverged"):
                if e.kind == "done" and val["stop"] == "early_stopping":
                    print(self.tr(f"Early stopping: best validation loss at epoch {val['best_epoch']}",
                                  f"早停：第 {val['best_epoch']} 轮的验证损失最低"), file=out)
                if e.kind == "diverged":
                    print(e.label + self.tr(": ", "：") + diverged_reason(val["message"], self.lang), file=out)
                else:
                    print(e.label, file=out)
                if e.kind == "done":
                    print(self.tr(f"Final training loss: {val['final_train']:.6f}",
                                  f"最终训练损失：{val['final_train']:.6f}"), file=out)
                    print(self.tr(f"Final validation loss: {val['final_val']:.6f}",
                                  f"最终验证损失：{val['final_val']:.6f}"), file=out)



