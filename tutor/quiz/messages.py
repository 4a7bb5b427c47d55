"""Every sentence the quiz shows a student, in English and Chinese.

`say(key, lang, **values)` picks the language (English when the language is
unknown) and fills in the values.  Keep one sentence per key so a translator
sees the whole thought.
"""
from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # reading what was typed
    "not_a_number": {
        "en": "I couldn't read that as a number. Try something like 0.25, 1/4, 25% or 2.5e-1.",
        "zh": "我没能把它读成一个数。可以这样写：0.25、1/4、25% 或 2.5e-1。",
    },
    "too_long": {
        "en": "I couldn't read that as a number: it is too long ({n} characters). Type just the answer.",
        "zh": "我没能把它读成一个数：太长了（{n} 个字符），只需输入答案本身。",
    },
    "empty": {
        "en": "Nothing typed yet: type your answer, then press Enter.",
        "zh": "还没有输入：请输入答案后按回车。",
    },
    "ambiguous_comma": {
        "en": "I couldn't read that as a number: is the comma in {text} a thousands separator or a decimal comma? "
              "Use a point for decimals (e.g. 1.5).",
        "zh": "我没能把它读成一个数：{text} 里的逗号是千位分隔符还是小数点？小数请用点号（例如 1.5）。",
    },
    "division_by_zero": {
        "en": "I couldn't read that as a number: it divides by zero.",
        "zh": "我没能把它读成一个数：这里除以了零。",
    },
    "not_finite": {
        "en": "I couldn't read that as a number: it is too large, or not finite.",
        "zh": "我没能把它读成一个数：它太大了，或不是有限数。",
    },
    "bad_formula": {
        "en": "I couldn't read that formula: {detail}",
        "zh": "我没能读懂这个式子：{detail}",
    },
    "formula_tip": {
        "en": "Write formulas like 2x + cos(x), x^2, exp(-x), 1/(1+exp(-x)).",
        "zh": "式子可以这样写：2x + cos(x)、x^2、exp(-x)、1/(1+exp(-x))。",
    },
    "pick_one": {
        "en": "Type the number of one option, from 1 to {n}.",
        "zh": "请输入一个选项的编号（1 到 {n}）。",
    },
    "pick_some": {
        "en": "Type the numbers of every option you choose, from 1 to {n}, with spaces between.",
        "zh": "请输入你选择的所有选项编号（1 到 {n}），用空格隔开。",
    },
    "order_format": {
        "en": "Type the item numbers 1 to {n}, each once, in the right order, e.g. {example}.",
        "zh": "请按正确顺序输入 1 到 {n} 的编号，每个恰好一次，例如 {example}。",
    },
    "lab_format": {
        "en": "Type the lab's settings as key=value, e.g. {example}. Settings: {names}.",
        "zh": "请用 key=value 的形式输入实验参数，例如 {example}。可用参数：{names}。",
    },
    "lab_error": {
        "en": "Those settings don't work: {detail}",
        "zh": "这些参数不可用：{detail}",
    },
    "lab_missing": {
        "en": "The lab {name} isn't available in this version, so this question can't be checked.",
        "zh": "这个版本中没有实验 {name}，所以无法检查本题。",
    },
    # verdicts
    "right": {"en": "Right!", "zh": "正确！"},
    "wrong": {"en": "Not quite.", "zh": "不太对。"},
    "try_again": {
        "en": "Try again ({n} tries left).",
        "zh": "再试一次（还剩 {n} 次机会）。",
    },
    "try_again_one": {
        "en": "Try again (last try).",
        "zh": "再试一次（最后一次机会）。",
    },
    "hint": {"en": "Hint: {text}", "zh": "提示：{text}"},
    "answer_is": {"en": "The answer is {answer}.", "zh": "答案是 {answer}。"},
    "working": {"en": "Working: {text}", "zh": "解题过程：{text}"},
    "why": {"en": "Why: {text}", "zh": "原因：{text}"},
    "generic_hint_number": {
        "en": "Recheck each step of the arithmetic; keep a few more decimals in between.",
        "zh": "逐步检查计算，中间结果多保留几位小数。",
    },
    "generic_hint_expression": {
        "en": "Differentiate term by term and check each rule you used.",
        "zh": "逐项检查，确认每一步用的法则是否正确。",
    },
    "generic_hint_choice": {
        "en": "Reread the question and rule out the options you are sure are wrong.",
        "zh": "再读一遍题目，先排除你确定错误的选项。",
    },
    "generic_hint_order": {
        "en": "Ask what each step needs before it can start.",
        "zh": "想一想每一步开始之前需要先有什么。",
    },
    "generic_hint_lab": {
        "en": "Run the lab with a few settings and watch how the run changes.",
        "zh": "换几组参数运行实验，观察过程如何变化。",
    },
    "formula_differs": {
        "en": "Your formula gives {got} at {point}, but the answer gives {want} there.",
        "zh": "在 {point} 处，你的式子等于 {got}，而正确答案等于 {want}。",
    },
    "formula_undefined": {
        "en": "Your formula is undefined at {point}, where the answer is {want}.",
        "zh": "你的式子在 {point} 处没有定义，而正确答案在那里等于 {want}。",
    },
    "wrong_count": {
        "en": "You chose {got} option(s); the right answer has {want}.",
        "zh": "你选了 {got} 个选项；正确答案有 {want} 个。",
    },
    "order_first_slip": {
        "en": "Position {pos} is not right yet.",
        "zh": "第 {pos} 个位置还不对。",
    },
    # headings and framing
    "question_n": {"en": "Question {i} of {n}", "zh": "第 {i} 题，共 {n} 题"},
    "quiz_title": {"en": "Quiz: {title}", "zh": "测验：{title}"},
    "no_questions": {"en": "This lesson has no quiz.", "zh": "这一课没有测验。"},
    "skipped": {
        "en": "Skipped question {id}: {reason}",
        "zh": "跳过了题目 {id}：{reason}",
    },
    "score": {"en": "Score: {score} of {total}.", "zh": "得分：{score} / {total}。"},
    "best_kept": {
        "en": "Your best and your last scores are kept; retake the quiz any time.",
        "zh": "会保存你的最好成绩和最近一次成绩；随时可以重做测验。",
    },
    "input_ended": {
        "en": "Input ended after {answered} of {total} questions ({right} right). Your answers so far are saved.",
        "zh": "输入在第 {answered} 题（共 {total} 题）后结束，答对 {right} 题。已保存目前的作答。",
    },
    "answer_too_long": {
        "en": "That is too long for an answer: at most {most} characters. Type just the answer.",
        "zh": "答案太长了：最多 {most} 个字符。只需输入答案本身。",
    },
    "not_kept": {
        "en": "Your answers and score have not been saved: progress cannot be written right now.",
        "zh": "你的作答和得分没有保存：现在无法写入进度。",
    },
    "input_ended_unsaved": {
        "en": "Input ended after {answered} of {total} questions ({right} right). "
              "Your answers have not been saved: progress cannot be written right now.",
        "zh": "输入在第 {answered} 题（共 {total} 题）后结束，答对 {right} 题。你的作答没有保存：现在无法写入进度。",
    },
    "store_failed": {
        "en": "Note: your answers could not be saved ({detail}).",
        "zh": "注意：未能保存你的作答（{detail}）。",
    },
    "prompt_choice": {"en": "Your choice (1-{n}):", "zh": "你的选择（1-{n}）："},
    # no example for several choices: any set of numbers may be the right one
    "prompt_multi": {"en": "Your choices (numbers with spaces between):", "zh": "你的选择（编号，用空格隔开）："},
    "prompt_order": {"en": "The order (e.g. {example}):", "zh": "顺序（例如 {example}）："},
    "prompt_number": {"en": "Your answer (a number):", "zh": "你的答案（一个数）："},
    "prompt_expression": {"en": "Your formula:", "zh": "你的式子："},
    "prompt_lab": {"en": "Lab settings (e.g. {example}):", "zh": "实验参数（例如 {example}）："},
    "choose_all": {"en": "(choose all that apply)", "zh": "（选出所有正确的选项）"},
    "order_items": {"en": "Items:", "zh": "步骤："},
    "running_lab": {"en": "Running the lab…", "zh": "正在运行实验……"},
    "next_hint": {
        "en": "Enter: next question",
        "zh": "回车：下一题",
    },
    "retake_hint": {
        "en": "r: retake the quiz",
        "zh": "r：重做测验",
    },
    "submit_hint": {
        "en": "1-9: pick · Enter: submit · Tab: move",
        "zh": "1-9：选择 · 回车：提交 · Tab：切换",
    },
    "type_hint": {
        "en": "Type your answer · Enter: submit · Tab: move",
        "zh": "输入答案 · 回车：提交 · Tab：切换",
    },
    # lab challenges
    "ch_diverged": {
        "en": "The run diverged: the steps grew instead of settling.",
        "zh": "这次运行发散了：步子越走越大，没有收敛。",
    },
    "ch_not_converged": {
        "en": "The run stopped before reaching the minimum.",
        "zh": "运行在到达最小值之前就停止了。",
    },
    "ch_iterations": {
        "en": "It took {n} iterations; the goal is fewer than {target}.",
        "zh": "用了 {n} 次迭代；目标是少于 {target} 次。",
    },
    "ch_accuracy": {
        "en": "Accuracy reached {got}%; the goal is at least {target}%.",
        "zh": "准确率达到 {got}%；目标是至少 {target}%。",
    },
    "ch_loss": {
        "en": "The final loss is {got}; the goal is below {target}.",
        "zh": "最终损失为 {got}；目标是低于 {target}。",
    },
    "ch_no_value": {
        "en": "This run did not report its {name}, so the challenge can't be checked.",
        "zh": "这次运行没有给出 {name}，无法检查这个挑战。",
    },
    "ch_did_diverge": {"en": "The run diverged, as asked.", "zh": "运行发散了，正如题目要求。"},
    "ch_did_not_diverge": {
        "en": "The run settled down instead of diverging.",
        "zh": "运行收敛了，没有发散。",
    },
    "ch_fixed": {
        "en": "{name} is fixed by this question ({setup}); change the other settings.",
        "zh": "本题固定了 {name}（{setup}），请调整其他参数。",
    },
    "ch_limit": {
        "en": "{name}={value} is not allowed here: at most {most}.",
        "zh": "这里不允许 {name}={value}：最多 {most}。",
    },
    "finished": {"en": "Quiz finished.", "zh": "测验完成。"},
}


def say(key: str, lang: str = "en", **values: object) -> str:
    entry = TEXTS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text
