from allauth.account.forms import SignupForm as AllauthSignupForm


class SignupForm(AllauthSignupForm):
    """Sign-up: e-mail, pseudonym and password, nothing else."""
