"""Pelican settings for the timeline site. Relative paths are relative to this file."""

SITENAME = "Timeline"
SITEURL = ""
# Every link relative to the page it is on, so the site works wherever its folder is put.
RELATIVE_URLS = True

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"

# This folder on the plugin path, so `timeline.pelican` loads from a checkout
# even when the package is not installed.
PLUGIN_PATHS = ["."]
PLUGINS = ["timeline.pelican"]

# The page text comes from news articles: escape everything a template prints.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

# One folder per page, so the addresses carry no file extension.
ARTICLE_URL = "articles/{slug}/"
ARTICLE_SAVE_AS = "articles/{slug}/index.html"
PAGE_URL = "pages/{slug}/"
PAGE_SAVE_AS = "pages/{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"

# The site's index.html is the timeline (written by the plugin); Pelican's own
# index is off, and the archive of articles lives under articles/.
DIRECT_TEMPLATES = ["archives"]
INDEX_SAVE_AS = ""
ARCHIVES_URL = "articles/"
ARCHIVES_SAVE_AS = "articles/index.html"

# No pages the theme has no templates for.
CATEGORY_SAVE_AS = ""
TAG_SAVE_AS = ""
AUTHOR_SAVE_AS = ""

# Feeds need an absolute SITEURL to be valid; none until the site has an address.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# The timeline (docs/settings.md describes every TIMELINE_* setting and its default).
TIMELINE_TITLE = "Timeline"
TIMELINE_DESCRIPTION = "What the news reported, in the order it happened."
# The site's public address, for the feed, the calendar and link previews; "" until it has one.
TIMELINE_SITE_URL = ""
# How dates read, per precision; only the ones to change (see timeline/display.py for the fields).
TIMELINE_DATE_FORMATS = {}
# How many of the most widely reported events the key events page lists.
TIMELINE_KEY_EVENTS = 7
# Above this many events, the front page lists the key events and the months, and each
# month's page lists all of its events, so a long timeline stays quick to open.
TIMELINE_MONTH_SPLIT = 150
# The Atom feed (events.atom) and the calendar (events.ics).
TIMELINE_FEEDS = True

# What Pelican's readers make of each article (its Markdown turned into HTML), kept between
# builds so that an unchanged article is not parsed again. `timeline build` puts this cache
# in TIMELINE_CACHE_PATH, in a folder per settings and code, and `--no-cache` turns it off.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = ".timeline-cache/pelican"
# Uncompressed: compressing the cache took a second at the end of every build of 2,000 articles.
GZIP_CACHE = False
# An article is unchanged when its bytes are, whatever its file's modification time says.
CHECK_MODIFIED_METHOD = "sha256"
# The folder of caches (extraction, Pelican's readers, the page manifests), beside this file.
TIMELINE_CACHE_PATH = ".timeline-cache"
# Entries of output/ that no build writes and that stay when a build replaces the site.
OUTPUT_RETENTION = [".git", ".hg", ".nojekyll", "CNAME"]
