"""Public pages of round tables, the speaking form of the seat whose turn it is, and the facilitator's tools.

Every POST goes through a service; a refusal re-renders the table page with the person's text kept.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from fairfield.accounts.access import may
from fairfield.lib.errors import Refusal, refusal_response
from fairfield.roundtables import forms, selectors, services
from fairfield.roundtables.models import ObserverQuestion, Statement, TableStatus, Turn, TurnStatus
from fairfield.roundtables.page_cache import list_response_keep, table_response_keep


@require_GET
def table_list(request):
    tables = list(selectors.tables_public())
    response = render(
        request,
        "roundtables/list.html",
        {
            "running": [table for table in tables if table.status != TableStatus.CLOSED],
            "closed": [table for table in tables if table.status == TableStatus.CLOSED],
        },
    )
    list_response_keep(request, response)
    return response


def _table_context(request, table, **overrides) -> dict:
    user = request.user
    seats = selectors.seats_of(table)
    my_seat = selectors.seat_held_by(seats, user)
    facilitating = may(user, "roundtables.table.facilitate", table)
    at_the_table = my_seat is not None or facilitating
    turns_now = selectors.current_turns(table, seats)
    my_turn = next((turn for turn in turns_now if my_seat and turn.seat_id == my_seat.pk), None)
    open_turn = next((turn for turn in turns_now if turn.status == TurnStatus.OPEN), None)
    common, open_questions = selectors.statements_decided(table, seats)
    context = {
        "table": table,
        "seats": seats,
        "my_seat": my_seat,
        "my_turn": my_turn,
        "open_turn": open_turn,
        "facilitating": facilitating,
        "at_the_table": at_the_table,
        "picture": selectors.table_picture(seats, turns_now),
        "rounds": selectors.transcript(
            table, seats, through=selectors.readable_rounds(table, at_the_table=at_the_table)
        ),
        "common_ground": common,
        "open_questions": open_questions,
        "turn_form": forms.TurnForm(),
        "statement_form": forms.StatementForm(),
        "to_mark": selectors.statements_to_mark(table, my_seat),
        "held_turns": selectors.held_turns_of(my_seat),
        "may_ask": user.is_authenticated
        and not at_the_table
        and table.status in (TableStatus.RUNNING, TableStatus.PAUSED),
        "question_form": forms.QuestionForm(),
        "note_form": forms.NoteForm(),
        "questions": list(selectors.questions_waiting(table)) if facilitating else [],
    }
    context.update(overrides)
    return context


def table_detail(request, slug):
    table = selectors.table_for(request.user, slug)
    response = render(request, "roundtables/table.html", _table_context(request, table))
    table_response_keep(table, request, response)
    return response


def round_detail(request, slug, number):
    table = selectors.table_for(request.user, slug)
    seats = selectors.seats_of(table)
    at_the_table = selectors.seat_held_by(seats, request.user) is not None or may(
        request.user, "roundtables.table.facilitate", table
    )
    if not 1 <= number <= selectors.readable_rounds(table, at_the_table=at_the_table):
        raise Http404
    rounds = selectors.transcript(table, seats, through=number, only=number)
    response = render(
        request,
        "roundtables/round.html",
        {
            "table": table,
            "round": next(r for r in rounds if r.number == number),
            "opening_notes": [note for r in rounds if r.number == 0 for note in r.notes],
            "previous": number - 1 if number > 1 else None,
            "next": number + 1 if number < selectors.readable_rounds(table, at_the_table=at_the_table) else None,
        },
    )
    table_response_keep(table, request, response)
    return response


def transcript_print(request, slug):
    table = selectors.table_for(request.user, slug)
    seats = selectors.seats_of(table)
    common, open_questions = selectors.statements_decided(table, seats)
    return render(
        request,
        "roundtables/transcript.html",
        {
            "table": table,
            "seats": seats,
            "rounds": selectors.transcript(table, seats, through=selectors.readable_rounds(table, at_the_table=False)),
            "common_ground": common,
            "open_questions": open_questions,
        },
    )


def _refused(request, table, refusal, **overrides):
    return refusal_response(
        request, refusal, template="roundtables/table.html", context=_table_context(request, table, **overrides)
    )


def _own_seat(request, table):
    seat = table.seats.filter(holder=request.user).first()
    if seat is None:
        raise services.NotAllowed(_("Only those holding a seat at this table can do this."))
    return seat


@login_required
@require_POST
def speak(request, slug):
    table = selectors.table_for(request.user, slug)
    form = forms.TurnForm(request.POST)
    form.is_valid()
    try:
        seat = _own_seat(request, table)
        if "pass" in request.POST:
            services.turn_pass(seat=seat, user=request.user)
            messages.success(request, _("You passed this round. The next seat's turn is open."))
        else:
            services.turn_post(seat=seat, user=request.user, body=form.cleaned_data.get("body", ""))
            messages.success(request, _("Your turn is posted. The next seat's turn is open."))
    except Refusal as refusal:
        form.add_error(refusal.field if refusal.field == "body" else None, refusal.message)
        return _refused(request, table, refusal, turn_form=form)
    return redirect(table.get_absolute_url())


@login_required
@require_POST
def revise(request, slug, turn_id):
    table = selectors.table_for(request.user, slug)
    turn = get_object_or_404(Turn, pk=turn_id, round__table=table)
    form = forms.TurnForm(request.POST)
    form.is_valid()
    try:
        services.turn_revise(turn=turn, user=request.user, body=form.cleaned_data.get("body", ""))
    except Refusal as refusal:
        return _refused(request, table, refusal, revise_form=form, revise_turn_id=turn.pk)
    messages.success(request, _("Your revised turn is back on the table."))
    return redirect(table.get_absolute_url())


@login_required
@require_POST
def propose(request, slug):
    table = selectors.table_for(request.user, slug)
    form = forms.StatementForm(request.POST)
    form.is_valid()
    try:
        services.statement_propose(table=table, user=request.user, text=form.cleaned_data.get("text", ""))
    except Refusal as refusal:
        form.add_error(None, refusal.message)
        return _refused(request, table, refusal, statement_form=form)
    messages.success(request, _("Your statement is before every seat for this round."))
    return redirect(table.get_absolute_url() + "#statements")


@login_required
@require_POST
def mark(request, slug, statement_id):
    table = selectors.table_for(request.user, slug)
    statement = get_object_or_404(Statement, pk=statement_id, table=table)
    form = forms.MarkForm(request.POST)
    form.is_valid()
    try:
        services.statement_mark(
            statement=statement,
            user=request.user,
            choice=form.cleaned_data.get("choice", ""),
            reason=form.cleaned_data.get("reason", ""),
        )
    except Refusal as refusal:
        return _refused(request, table, refusal)
    messages.success(request, _("Your mark is saved. Others see it when the round ends."))
    return redirect(table.get_absolute_url() + "#statements")


@login_required
@require_POST
def ask(request, slug):
    table = selectors.table_for(request.user, slug)
    form = forms.QuestionForm(request.POST)
    form.is_valid()
    try:
        services.question_ask(
            table=table,
            user=request.user,
            body=form.cleaned_data.get("body", ""),
            credit=form.cleaned_data.get("credit", False),
        )
    except Refusal as refusal:
        form.add_error(None, refusal.message)
        return _refused(request, table, refusal, question_form=form)
    messages.success(request, _("Your question is with the facilitator."))
    return redirect(table.get_absolute_url())


@login_required
@require_POST
def facilitate(request, slug):
    table = selectors.table_for(request.user, slug)
    if not may(request.user, "roundtables.table.facilitate", table):
        raise Http404
    action = request.POST.get("action", "")
    user = request.user
    note_form = forms.NoteForm(request.POST)
    note_form.is_valid()
    try:
        if action == "pause":
            services.table_pause(table=table, actor=user)
            messages.success(request, _("The table is paused."))
        elif action == "resume":
            services.table_resume(table=table, actor=user)
            messages.success(request, _("The table is running again; the open turn got its lost time back."))
        elif action == "note":
            services.note_post(table=table, actor=user, body=note_form.cleaned_data.get("body", ""))
            messages.success(request, _("Your framing note is on the table."))
        elif action in ("hold", "remind"):
            turn = get_object_or_404(
                Turn.objects.select_related("round__table"), pk=request.POST.get("turn") or 0, round__table=table
            )
            if action == "hold":
                services.turn_hold(turn=turn, actor=user, reason=request.POST.get("reason", "")[:2000])
                messages.success(request, _("The turn is held; its writer sees your reason."))
            else:
                services.turn_remind(turn=turn, actor=user)
                messages.success(request, _("The rules reminder is shown with the turn."))
        elif action in ("put", "set_aside"):
            question = get_object_or_404(ObserverQuestion, pk=request.POST.get("question") or 0, table=table)
            if action == "put":
                services.question_put(question=question, actor=user)
                messages.success(request, _("The question is put to the table."))
            else:
                services.question_set_aside(question=question, actor=user)
        else:
            raise Refusal(_("That is not one of the facilitator's tools."))
    except Refusal as refusal:
        return _refused(request, table, refusal, note_form=note_form)
    return redirect(table.get_absolute_url())


def invitation(request, token):
    try:
        seat = services.invitation_seat(token)
    except Refusal as refusal:
        return render(request, "roundtables/invitation_refused.html", {"refusal": refusal}, status=refusal.status)
    table = seat.table
    form = forms.AcceptForm(request.POST or None)
    if not request.user.is_authenticated:
        return render(
            request,
            "roundtables/invitation.html",
            {"seat": seat, "table": table, "login_url": reverse("account_login") + "?next=" + request.path},
        )
    if request.method == "POST":
        form.is_valid()
        try:
            services.invitation_accept(
                token=token,
                user=request.user,
                display_name=form.cleaned_data.get("display_name", ""),
                consent=form.cleaned_data.get("consent", False),
            )
        except Refusal as refusal:
            return refusal_response(
                request,
                refusal,
                template="roundtables/invitation.html",
                context={"seat": seat, "table": table},
                form=form,
            )
        messages.success(request, _("You hold the %(seat)s seat. Welcome to the table.") % {"seat": seat.label})
        return redirect(table.get_absolute_url())
    return render(request, "roundtables/invitation.html", {"seat": seat, "table": table, "form": form})
