from django import forms
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    """The reader's query and filters. Bad filter values are dropped with a note, never an error page."""

    q = forms.CharField(label=_("Search for"), required=False, strip=True)
    section = forms.CharField(label=_("Section"), required=False)
    date_from = forms.DateField(label=_("Published from"), required=False)
    date_to = forms.DateField(label=_("Published until"), required=False)

    def __init__(self, data, *, sections):
        # Readers send "from"/"to"; Python cannot name a field "from".
        data = data.copy()
        for short, field in (("from", "date_from"), ("to", "date_to")):
            if short in data:
                data[field] = data[short]
        super().__init__(data)
        self.sections = {section.slug: section for section in sections}

    def clean_section(self):
        slug = self.cleaned_data["section"]
        if slug and slug not in self.sections:
            raise forms.ValidationError(_("There is no such section; showing every section."))
        return self.sections.get(slug)
