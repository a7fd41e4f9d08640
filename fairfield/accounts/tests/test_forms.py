import pytest
from django.template import Context, Origin, Template

from fairfield.accounts.forms import (
    AddEmailForm,
    ChangePasswordForm,
    LoginForm,
    ProfileForm,
    ResetPasswordForm,
    SignupForm,
)
from fairfield.accounts.tests.factories import PASSWORD
from fairfield.accounts.tests.pages import assert_every_control_is_labelled, parse_fragment

pytestmark = pytest.mark.django_db

NEWCOMER = {
    "email": "Sorrel@Example.org",
    "pseudonym": "  Sorrel   Green ",
    "password1": "a long and unusual passphrase",
    "password2": "a long and unusual passphrase",
}


def test_the_signup_form_tidies_the_pseudonym_and_lowercases_the_address():
    form = SignupForm(NEWCOMER)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["pseudonym"] == "Sorrel Green"
    assert form.cleaned_data["email"] == "sorrel@example.org"


def test_the_signup_form_has_no_field_for_a_real_name():
    assert list(SignupForm().fields) == ["email", "pseudonym", "password1", "password2"]


def test_the_signup_form_refuses_a_taken_pseudonym(member):
    form = SignupForm({**NEWCOMER, "pseudonym": "W R E N"})
    assert not form.is_valid()
    assert "already uses that pseudonym" in form.errors["pseudonym"][0]


def test_the_signup_form_refuses_different_passwords():
    form = SignupForm({**NEWCOMER, "password2": "something else entirely"})
    assert not form.is_valid()
    assert "password2" in form.errors


def test_the_signup_form_uses_no_placeholders():
    assert all("placeholder" not in field.widget.attrs for field in SignupForm().fields.values())


def test_the_login_form_asks_in_fairfields_words():
    form = LoginForm(data={"login": "", "password": ""})
    assert not form.is_valid()
    assert form.errors["login"] == ["Please enter your e-mail address."]
    assert form.errors["password"] == ["Please enter your password."]
    assert form.fields["password"].help_text == ""


def test_the_login_form_explains_a_null_character(member):
    form = LoginForm(data={"login": "wren\x00@example.org", "password": PASSWORD})
    assert not form.is_valid()
    assert "hidden “null” character" in form.errors["login"][0]


def test_the_reset_form_explains_an_empty_address():
    form = ResetPasswordForm(data={"email": ""})
    assert not form.is_valid()
    assert form.errors["email"] == ["Please enter your e-mail address."]


def test_the_change_password_form_checks_the_current_password(member):
    form = ChangePasswordForm(
        user=member,
        data={"oldpassword": "wrong", "password1": "new long passphrase", "password2": "new long passphrase"},
    )
    assert not form.is_valid()
    assert "oldpassword" in form.errors


def test_the_add_email_form_refuses_an_address_the_member_already_has(member):
    form = AddEmailForm(user=member, data={"email": "WREN@example.org"})
    assert not form.is_valid()
    assert "already part of your account" in form.errors["email"][0]


def test_the_profile_form_starts_from_the_members_profile(member):
    form = ProfileForm(member=member)
    assert form.initial == {
        "pseudonym": "Wren",
        "relationships": ["survivor"],
        "about": "",
        "profile_visibility": "private",
    }


def test_the_profile_form_lets_a_member_keep_their_own_pseudonym(member):
    form = ProfileForm({"pseudonym": "wren", "about": "", "profile_visibility": "public"}, member=member)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["relationships"] == []


def test_the_profile_form_refuses_another_members_pseudonym(member, other_member):
    form = ProfileForm({"pseudonym": "ALDER", "about": "", "profile_visibility": "public"}, member=member)
    assert not form.is_valid()
    assert "already uses that pseudonym" in form.errors["pseudonym"][0]


def test_the_profile_form_does_not_cut_long_text_off_in_the_browser(member):
    assert "maxlength" not in ProfileForm(member=member).fields["about"].widget.attrs


def test_fairfield_forms_render_with_the_shared_template(member):
    page = parse_fragment(ProfileForm(member=member).render())
    assert_every_control_is_labelled(page)
    assert page.find("legend") is not None


def test_allauth_element_templates_render_fairfield_markup():
    source = (
        "{% load allauth %}"
        '{% element form method="post" action="/x/" %}'
        "{% slot body %}{% element fields form=form %}{% endelement %}{% endslot %}"
        '{% slot actions %}{% element button type="submit" %}Go{% endelement %}{% endslot %}'
        "{% endelement %}"
    )
    template = Template(source, origin=Origin("element-test", template_name="element-test.html"))
    form = ResetPasswordForm(data={"email": ""})
    form.is_valid()
    page = parse_fragment(template.render(Context({"form": form})))
    assert page.find("form").has_attr("novalidate")
    assert page.find(class_="error-summary")["role"] == "alert"
    assert page.find("label", attrs={"for": "id_email"}).get_text(strip=True) == "E-mail address"
    assert page.find("button", type="submit").get_text(strip=True) == "Go"
