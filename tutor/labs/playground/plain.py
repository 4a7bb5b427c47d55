"""The playground's `--plain` output: the settings, a loss table every tenth of the
run, the final scores and the decision regions as text."""
from __future__ import annotations

from typing import TextIO

from tutor.labs.kit.text import pad
from tutor.labs.playground.regions import region_lines
from tutor.labs.playground.trainer import Trainer
from tutor.locale import t


def write_plain(lab, out: TextIO) -> None:
    from rich.cells import cell_len

    v = lab.values
    print(t("Playground: {data} (noise {noise:g}, {n} points, test fraction {test:g}), hidden {hidden}, {activation}, "
            "{optimizer} η = {lr:g}, batch {batch}, L2 {l2:g}, {epochs} epochs, seed {seed}",
            data=v["data"], noise=v["noise"], n=v["n"], test=v["test"], hidden=v["hidden"] or t("none"),
            activation=v["activation"], optimizer=v["optimizer"], lr=v["lr"], batch=v["batch"], l2=v["l2"],
            epochs=v["epochs"], seed=v["seed"]), file=out)
    run = Trainer(v)
    layers = "-".join(["2", *map(str, run.sizes), "1"])
    print(t("{train} training points, {test} test points; network {layers}, {params} parameters; "
            "{steps} steps per epoch", train=len(run.Xtr), test=len(run.Xte), layers=layers,
            params=run.net.param_count(), steps=run.batches_per_epoch), file=out)
    every = max(1, run.max_epochs // 10)
    # the table's columns: (heading, width); a heading wider than its numbers widens the column
    heads = [(t("epoch"), 5), (t("train loss"), 10), (t("test loss"), 9), (t("train acc"), 9), (t("test acc"), 8)]
    widths = [max(w, cell_len(h)) for h, w in heads]
    print("   ".join(pad(h, w, right=True) for (h, _), w in zip(heads, widths)), file=out)
    while not run.finished:
        run.train_batch()
        if run.curve and run.curve[-1][0] % every == 0 and run.position == 0 and run.diverged_at is None:
            e, trl, tel, tra, tea = run.curve[-1]
            w = widths
            print(f"{e:>{w[0]}}   {trl:>{w[1]}.4f}   {tel:>{w[2]}.4f}   {tra:>{w[3]}.3f}   {tea:>{w[4]}.3f}",
                  file=out)
    if run.diverged_at is not None:
        print(t("Diverged at step {step} (epoch {epoch}): {why}; try a smaller learning rate.",
                step=run.diverged_at, epoch=run.diverged_epoch, why=run.why), file=out)
        return
    scores = run.evaluate()
    print(t("Final: train loss {train_loss:.4f}, test loss {test_loss:.4f}, train accuracy {train_acc:.3f}, "
            "test accuracy {test_acc:.3f}", train_loss=scores[0], test_loss=scores[1], train_acc=scores[2],
            test_acc=scores[3]), file=out)
    print(t("Decision regions (1: predicted class 1, ·: class 0; X/O: training points of class 1/0, "
            "x/o: test points)"), file=out)
    for line in region_lines(run):
        print("  " + line, file=out)
