"""Write docs/curriculum.md: the table of contents as the app numbers it, and
for each topic of the source material the lesson and page that teaches it.

    python tools/curriculum.py > docs/curriculum.md

Both parts come from the loaded lessons (tutor.content), so a lesson added,
moved or retitled shows here as the app shows it; tests/test_curriculum_doc.py
fails when the doc is out of date.  A topic names its page by the start of the
page's title and, where the title does not say it, a word the page must
contain: a topic whose page is gone or no longer mentions it stops the script.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# The source material (/work/shared/seeds): what each document is called here.
SOURCES = {
    "slides": "零基础学神经网络 (slides: digits, derivatives, gradient descent, regression)",
    "notes": "深度学习（Deep Learning） (notes: ANN to CNN)",
    "guide": "为什么需要深度学习 (long guide: MLP to applications)",
    "figures": "图表使用指南 (the figures' guide)",
    "issue": "issue 15 (topics the review found missing)",
}

# (source, topic, lesson id, start of the page title, a word the page contains or "")
TOPICS = [
    ("slides", "Hello world: handwritten digits with scikit-learn", "why-deep-learning", 'The "hello world"', "digits"),
    ("slides", "…the same in code", "practice", "The hello-world in code", "MLPClassifier"),
    ("slides", "Functions and their derivatives", "derivatives", "Functions and slopes", ""),
    ("slides", "Convexity by the second derivative", "derivatives", "Bending", "convex"),
    ("slides", "Extremes", "derivatives", "Finding extremes", ""),
    ("slides", "Linear approximation of √4.01", "derivatives", "Linear approximation", "4.01"),
    ("slides", "Functions of several variables, f = x² + y² − 2xy", "gradients", "Functions of several variables", ""),
    ("slides", "Minimum of x² + sin x by gradient descent", "gradient-descent-1d", "The problem", "sin"),
    ("slides", "Gradient descent in code", "gradient-descent-1d", "The same algorithm in code", ""),
    ("slides", "A large and a small learning rate", "gradient-descent-1d", "A large learning rate", ""),
    ("slides", "Regression: fitting a function to points", "regression", "From a function to data", ""),
    ("slides", "Gradient descent with several variables", "gradients", "Worked example: one step downhill", ""),
        ("notes", "Least squares: linear, not \"logistic\", regression", "regression", "Least squares for a line", "logistic"),
    ("notes", "Computing one neuron", "neuron-and-bias", "One artificial neuron", ""),
    ("notes", "The bias", "neuron-and-bias", "The bias is a threshold", ""),
    ("notes", "Neural networks", "mlp-forward", "From neurons to layers", ""),
    ("notes", "Activation functions", "activation-functions", "Why a bend?", ""),
    ("notes", "Batch gradient descent", "batches-and-stopping", "One step, many examples", ""),
    ("notes", "Forward propagation", "mlp-forward", "A small forward pass by hand", ""),
    ("notes", "Backpropagation", "backpropagation", "Backward: a hidden weight", ""),
    ("notes", "Stopping conditions", "batches-and-stopping", "When do we stop?", ""),
    ("notes", "Mini-batch gradient descent", "batches-and-stopping", "What each choice costs", ""),
    ("notes", "Momentum", "optimizers", "Momentum", ""),
    ("notes", "Warm-up", "learning-rate", "Warm-up", ""),
    ("notes", "Adam", "optimizers", "Adam", ""),
    ("notes", "Kernels and how they slide", "convolution", "One kernel, step by step", ""),
    ("notes", "The response", "convolution", "What a response means", ""),
    ("notes", "Padding", "convolution", "Padding and output size", ""),
    ("notes", "Channels", "convolution", "Channels", ""),
    ("notes", "Max pooling", "pooling-and-cnn", "Pooling: keep the strongest", ""),
    ("notes", "Flatten, then dense layers", "pooling-and-cnn", "Flatten, then dense layers", ""),
    ("notes", "Cross-entropy for the classes", "pooling-and-cnn", "Classes: softmax and cross-entropy", ""),
    ("guide", "Why deep learning: features learnt layer by layer", "why-deep-learning", "Layers of features", ""),
    ("guide", "The MLP and its parameter count (784-256-128-10)", "mlp-forward", "Digits: 784-256-128-10", ""),
    ("guide", "Six activation functions", "activation-functions", "ReLU and its relatives", "ELU"),
    ("guide", "Choosing an activation function", "activation-functions", "Which one where?", ""),
    ("guide", "Softmax", "activation-functions", "Softmax", ""),
    ("guide", "The forward pass as a pipeline", "mlp-forward", "The forward pass in code", ""),
    ("guide", "Loss functions: MSE and cross-entropy", "loss-functions", "One number for", ""),
    ("guide", "Vanishing gradients", "vanishing-gradients", "A product of many factors", ""),
    ("guide", "Softmax + cross-entropy: the gradient ŷ − t", "loss-functions", "Softmax + cross-entropy", ""),
    ("guide", "The weight update (a training step in code)", "backpropagation", "The whole step in code", ""),
    ("guide", "Class imbalance", "losses-ii", "When one class is rare", ""),
    ("guide", "Local connections and shared weights", "convolution", "Why not just a big dense layer?", ""),
    ("guide", "LeNet", "pooling-and-cnn", "LeNet-5", ""),
    ("guide", "Convolution modes (valid, same)", "convolution", "Padding and output size", "same"),
    ("guide", "Mixed pooling", "convolution-ii", "More ways to pool", "mixed"),
    ("guide", "Initialisation", "normalisation-and-initialisation", "Why Xavier and He", ""),
    ("guide", "Data augmentation", "generalization", "Data augmentation", ""),
    ("guide", "Transfer learning", "scale-and-tools", "Transfer learning and fine-tuning", ""),
    ("guide", "Regularisation: L2", "generalization", "L2 regularisation", ""),
    ("guide", "Regularisation: dropout", "generalization", "Dropout", ""),
    ("guide", "Feedback connections: the RNN", "rnn", "Inputs that come in order", "feedback"),
    ("guide", "Why plain RNNs forget", "rnn", "Why the gradient fades", ""),
    ("guide", "The LSTM's gates", "lstm", "The equations", ""),
    ("guide", "An LSTM step worked through", "lstm", "A worked step", ""),
    ("guide", "How the LSTM keeps the gradient", "lstm", "Why the gradient survives", ""),
    ("guide", "Peephole LSTM", "lstm-variants-and-gru", "Peephole connections", ""),
    ("guide", "Coupled-gate LSTM", "lstm-variants-and-gru", "Coupled input and forget gates", ""),
    ("guide", "The GRU", "lstm-variants-and-gru", "The GRU", ""),
    ("guide", "Choosing a variant", "lstm-variants-and-gru", "Which one to choose?", ""),
    ("guide", "LSTM applications: translation", "sequences-in-use", "Translation", ""),
    ("guide", "LSTM applications: stock prices", "sequences-in-use", "Prices", ""),
    ("guide", "LSTM applications: music", "sequences-in-use", "Music", ""),
    ("guide", "LSTM limits: attention", "attention", "Looking back without a bottleneck", ""),
    ("guide", "Face recognition: triplet loss", "applications-and-challenges", "Face recognition", "triplet"),
    ("guide", "Face recognition: DeepFace, DeepID, FaceNet", "applications-and-challenges", "Choosing triplets", "DeepFace"),
    ("guide", "Style transfer: content and style losses, Gram matrix", "applications-and-challenges", "Style transfer", "Gram"),
    ("guide", "Medical images", "applications-and-challenges", "Medical images", ""),
    ("guide", "Speech: the bidirectional LSTM", "speech-and-captions", "Hearing what comes next", ""),
    ("guide", "Image captioning", "speech-and-captions", "Image captioning", ""),
    ("guide", "Challenge: model size", "scale-and-tools", "Size", "parameters"),
    ("guide", "Challenge: interpretability", "robustness-and-interpretability", "Interpretability", ""),
    ("guide", "Challenge: adversarial examples", "robustness-and-interpretability", "Adversarial examples", ""),
    ("guide", "One-pixel attacks", "robustness-and-interpretability", "One pixel", ""),
    ("guide", "Learning resources and frameworks", "scale-and-tools", "Frameworks and resources", ""),
    ("figures", "Perceptron vs XOR", "perceptron-and-xor", "Proof: one neuron cannot do XOR", ""),
    ("figures", "Sigmoid, tanh and ReLU compared", "activation-functions", "Sigmoid and tanh", ""),
    ("figures", "Vanishing gradients", "vanishing-gradients", "Checking the figures", ""),
    ("figures", "MSE vs cross-entropy", "loss-functions", "Two predictions, computed", ""),
    ("figures", "The effect of the learning rate", "learning-rate", "Too small, right, too large", ""),
    ("figures", "Full batch vs SGD", "batches-and-stopping", "What each choice costs", ""),
    ("issue", "Cross-entropy as negative log-likelihood", "losses-ii", "Cross-entropy is a likelihood", ""),
    ("issue", "KL divergence", "losses-ii", "Entropy and the KL divergence", ""),
    ("issue", "Hinge loss", "losses-ii", "Margins: the hinge loss", ""),
    ("issue", "Focal loss, class weights", "losses-ii", "When one class is rare", "focal"),
    ("issue", "Label smoothing", "losses-ii", "Label smoothing", ""),
    ("issue", "Cross-entropy over a batch (not np.mean over classes)", "loss-functions", "Cross-entropy over a batch", "np.mean"),
    ("issue", "Why Xavier and He scale as they do", "normalisation-and-initialisation", "Why Xavier and He", ""),
    ("issue", "Batch normalisation (training vs inference)", "normalisation-and-initialisation", "Batch normalisation", ""),
    ("issue", "Layer norm and group norm", "normalisation-and-initialisation", "Layer norm and group norm", ""),
    ("issue", "Gradient clipping", "normalisation-and-initialisation", "Gradient clipping", ""),
    ("issue", "Dilated convolution", "convolution-ii", "Dilated convolution", ""),
    ("issue", "Receptive field", "convolution-ii", "Receptive field", ""),
    ("issue", "1×1 convolution", "convolution-ii", "The 1×1 convolution", ""),
    ("issue", "Depthwise-separable convolution", "convolution-ii", "Depthwise-separable convolution", ""),
    ("issue", "Global average, L2 and mixed pooling", "convolution-ii", "More ways to pool", "global average"),
    ("issue", "Vision transformers (pointer)", "convolution-ii", "Beyond convolution", "vision transformer"),
    ("issue", "Encoder–decoder translation", "sequences-in-use", "Translation: encoder and decoder", ""),
    ("issue", "Teacher forcing", "sequences-in-use", "Teacher forcing", ""),
    ("issue", "Truncated BPTT", "sequences-in-use", "Truncated backpropagation", ""),
    ("issue", "Attention, computed", "attention", "Three tokens, computed", ""),
    ("issue", "Confusion matrix, precision, recall, F1", "evaluation", "The confusion matrix", "recall"),
    ("issue", "Cross-validation and choosing λ", "evaluation", "Choosing λ by cross-validation", ""),
    ("issue", "Bias–variance trade-off", "evaluation", "Bias and variance", ""),
    ("issue", "Saddle points", "evaluation", "Two things the loss curve hides", "saddle"),
    ("issue", "Why sigmoid's positive outputs slow learning", "evaluation", "Two things the loss curve hides", "zig-zag"),
    ("issue", "Speech: MFCC in outline", "speech-and-captions", "From sound to numbers", "MFCC"),
    ("issue", "CTC in outline", "speech-and-captions", "CTC", ""),
    ("issue", "FGSM with the digits lab", "robustness-and-interpretability", "FGSM in code", ""),
    ("issue", "Randomised smoothing", "robustness-and-interpretability", "Defences", "smoothing"),
    ("issue", "LIME and SHAP", "robustness-and-interpretability", "Interpretability", "LIME"),
    ("issue", "GPT-3's size", "scale-and-tools", "Size", "GPT-3"),
    ("issue", "Distillation", "scale-and-tools", "Shrinking a model", "distillation"),
    ("issue", "Generative models (pointer)", "scale-and-tools", "Transfer learning and fine-tuning", "generative"),
    ("issue", "GPU compute", "scale-and-tools", "Compute: why GPUs", ""),
    ("issue", "The learning-rate range table", "learning-rate", "Choosing η", "rule of thumb"),
    ("issue", "The debugging checklist", "practice", "When training goes wrong", ""),
]


def _page_text(page) -> str:
    return repr(page.blocks).lower()


def find_page(lesson, title: str, word: str) -> int:
    """1-based number of the lesson's page whose title starts with `title`
    (and which contains `word`); ValueError when there is none."""
    for number, page in enumerate(lesson.pages, 1):
        if page.title.startswith(title) and word.lower() in _page_text(page):
            return number
    raise ValueError(f"{lesson.id}: no page titled {title!r}…" + (f" containing {word!r}" if word else ""))


def _page_name(page) -> str:
    if page.title:
        return page.title
    return "quiz" if any(block.kind == "quiz" for block in page.blocks) else "(untitled)"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render() -> str:
    from tutor.content.loader import load_lessons
    from tutor.content.refs import numbering

    lessons, errors = load_lessons("en")
    if errors:
        raise SystemExit("\n".join(map(str, errors)))
    numbers = numbering(lessons)
    by_id = {lesson.id: lesson for lesson in lessons}
    out = [
        "# Curriculum",
        "",
        "Generated from the lessons by `python tools/curriculum.py > docs/curriculum.md`",
        "(tests/test_curriculum_doc.py fails when it is out of date). Numbers are the app's:",
        "chapter.position, renumbered when a lesson is added. Pages count from 1, as the",
        "lesson screen shows them; \"quiz\" is an untitled page that holds the quiz.",
        "",
        "## Table of contents",
    ]
    chapter = None
    for lesson in lessons:
        if lesson.chapter != chapter:
            chapter = lesson.chapter
            out += ["", f"### Chapter {chapter}: {lesson.chapter_title}", "",
                    "| No. | Lesson (id) | Pages |", "|---|---|---|"]
        pages = "; ".join(f"{i}. {_page_name(p)}" for i, p in enumerate(lesson.pages, 1))
        out.append(f"| {numbers[lesson.id]} | {_cell(lesson.title)} (`{lesson.id}`) | {_cell(pages)} |")
    out += ["", "## Where each topic of the source material is taught", "",
            "Sources: " + "; ".join(f"**{key}** = {name}" for key, name in SOURCES.items()) + ".",
            "", "| Source | Topic | Lesson, page |", "|---|---|---|"]
    for source, topic, lesson_id, title, word in TOPICS:
        lesson = by_id[lesson_id]
        page = find_page(lesson, title, word)
        where = f"{numbers[lesson_id]} {lesson.title}, p. {page} “{lesson.pages[page - 1].title}”"
        out.append(f"| {source} | {_cell(topic)} | {_cell(where)} |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
