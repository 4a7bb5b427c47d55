"""A quiz whose page is being turned is left alone by callbacks that come late: a verdict's
scroll into view, a teacher's ask or reveal.  Seen in a class taught live: the page turned
while the quiz's parts were being removed and `query_one("#quiz-keys")` ended a student's app."""
from __future__ import annotations

from tutor.quiz.widget import QuizView

from app_helpers import SIZE, make_app


async def test_late_callbacks_leave_a_quiz_being_removed_alone(store):
    app = make_app(store=store, lesson="ui-descent", page=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        quiz = app.screen.query_one(QuizView)
        question = quiz.session.current.question.id
        assert not quiz.leaving and quiz.go_to_question(question)
        app.screen.query_one("#page").remove_children()         # the page turns: pruning starts
        assert quiz.leaving
        assert quiz.go_to_question(question) is False
        quiz.reveal(question)                                   # nothing shown, nothing raised
        quiz._reveal_feedback()
        await pilot.pause()
        assert not app.screen.query(QuizView)
        quiz._reveal_feedback()                                 # and once it is gone
        assert quiz.go_to_question(question) is False
