"""Write a synthetic WordPress export (WXR 1.2) with threaded comments, for the import benchmark.

    .venv/bin/python bench/wordpress/generate_wxr.py --posts 1000 --comments 100000 var/bench-wp-100k.xml

Comments are spread evenly over the posts; about a third are top-level and the rest answer a
random earlier comment on the same post, so threads run deeper than four levels. Deterministic
for a given --seed. Written as it goes, so memory stays flat however large the file.
"""

import argparse
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Bench Site</title>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://bench.example</wp:base_site_url>
"""
WORDS = [
    "river",
    "ward",
    "morning",
    "kettle",
    "window",
    "garden",
    "letter",
    "quiet",
    "harbour",
    "nurse",
    "bus",
    "rain",
    "walk",
    "tea",
]


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def wp_date(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--authors", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    start = datetime(2015, 1, 1, tzinfo=UTC)
    comment_id = 1
    with args.out.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        for author in range(1, args.authors + 1):
            out.write(
                f"<wp:author><wp:author_id>{author}</wp:author_id><wp:author_login>{cdata(f'writer{author}')}"
                f"</wp:author_login><wp:author_display_name>{cdata(f'Writer Number {author}')}"
                "</wp:author_display_name></wp:author>\n"
            )
        for number in range(5):
            out.write(
                f"<wp:category><wp:term_id>{number + 1}</wp:term_id><wp:category_nicename>{cdata(f'section-{number}')}"
                f"</wp:category_nicename><wp:cat_name>{cdata(f'Section {number}')}</wp:cat_name></wp:category>\n"
            )
        for post in range(1, args.posts + 1):
            posted = start + timedelta(hours=post * 7)
            share = args.comments // args.posts + (1 if post <= args.comments % args.posts else 0)
            paragraphs = "\n\n".join(sentence(rng, rng.randint(20, 60)) for _ in range(rng.randint(3, 8)))
            out.write(
                f"<item><title>{cdata(sentence(rng, 6))}</title>"
                f"<dc:creator>{cdata(f'writer{rng.randint(1, args.authors)}')}"
                f'</dc:creator><guid isPermaLink="false">https://bench.example/?p={post}</guid>'
                f"<content:encoded>{cdata(paragraphs)}</content:encoded><excerpt:encoded>{cdata('')}</excerpt:encoded>"
                f"<wp:post_id>{post}</wp:post_id><wp:post_date>{cdata(wp_date(posted))}</wp:post_date>"
                f"<wp:post_date_gmt>{cdata(wp_date(posted))}</wp:post_date_gmt>"
                f"<wp:comment_status>{cdata('open')}</wp:comment_status><wp:post_name>{cdata(f'post-{post}')}</wp:post_name>"
                f"<wp:status>{cdata('publish')}</wp:status><wp:post_parent>0</wp:post_parent>"
                f"<wp:post_type>{cdata('post')}</wp:post_type><wp:post_password>{cdata('')}</wp:post_password>"
                f'<category domain="category" nicename="section-{post % 5}">{cdata(f"Section {post % 5}")}</category>'
                f'<category domain="post_tag" nicename="tag-{post % 40}">{cdata(f"tag {post % 40}")}</category>\n'
            )
            ids: list[int] = []
            for index in range(share):
                parent = rng.choice(ids) if ids and rng.random() > 0.33 else 0
                written = posted + timedelta(minutes=index * 3 + 1)
                out.write(
                    f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
                    f"<wp:comment_author>{cdata(f'Reader {rng.randint(1, 5000)}')}</wp:comment_author>"
                    f"<wp:comment_date>{cdata(wp_date(written))}</wp:comment_date>"
                    f"<wp:comment_date_gmt>{cdata(wp_date(written))}</wp:comment_date_gmt>"
                    f"<wp:comment_content>{cdata(sentence(rng, rng.randint(5, 40)))}</wp:comment_content>"
                    f"<wp:comment_approved>{cdata('1' if rng.random() > 0.05 else '0')}</wp:comment_approved>"
                    f"<wp:comment_type>{cdata('comment')}</wp:comment_type>"
                    f"<wp:comment_parent>{parent}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id>"
                    "</wp:comment>\n"
                )
                ids.append(comment_id)
                comment_id += 1
            out.write("</item>\n")
        out.write("</channel>\n</rss>\n")


if __name__ == "__main__":
    main()
