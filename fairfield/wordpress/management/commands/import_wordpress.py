import sys
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from fairfield.wordpress.services import wordpress_import


class Command(BaseCommand):
    help = _("Import a WordPress export (WXR 1.1 or 1.2): authors, categories, tags, posts, pages and comments.")

    def add_arguments(self, parser):
        parser.add_argument("export", type=Path, help=_("The WordPress export file (.xml)."))
        parser.add_argument("--dry-run", action="store_true", help=_("Read and report, but write nothing."))

    def handle(self, *args, export: Path, dry_run: bool, **options):
        if not export.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": export})
        progress = None
        if sys.stdout.isatty() and options.get("verbosity", 1) > 0:
            from tqdm import tqdm

            progress = tqdm(total=export.stat().st_size, unit="B", unit_scale=True, desc=export.name)
        try:
            with export.open("rb") as source:
                summary = wordpress_import(
                    source=source, dry_run=dry_run, on_progress=progress.update if progress else None
                )
        except ParseError as error:
            line, column = error.position
            raise CommandError(
                self._stopped(
                    error,
                    _("The export is not well-formed XML at line %(line)s, column %(column)s (%(reason)s).")
                    % {"line": line, "column": column, "reason": error.msg if hasattr(error, "msg") else error},
                    dry_run,
                )
            ) from error
        except DefusedXmlException as error:
            raise CommandError(
                _(
                    "The export declares a DTD, entities or external references (%(reason)s). WordPress never "
                    "writes these, and they can be used to attack the importer, so the file was refused. "
                    "Nothing was imported."
                )
                % {"reason": type(error).__name__}
            ) from error
        except LookupError as error:
            raise CommandError(str(error)) from error
        finally:
            if progress:
                progress.close()
        for line in summary.lines():
            self.stdout.write(line)
        if dry_run:
            self.stdout.write(self.style.WARNING(_("Dry run: nothing was written.")))
        else:
            self.stdout.write(self.style.SUCCESS(_("Import finished.")))

    def _stopped(self, error, message, dry_run):
        summary = getattr(error, "summary", None)
        if dry_run or summary is None:
            return f"{message} " + _("Nothing was written.")
        return f"{message} " + _(
            "%(count)s posts completed before the error were imported and kept; the post being read when the "
            "error came was not imported. Fix the file and run the import again: it continues where it stopped."
        ) % {"count": summary.posts_committed}
